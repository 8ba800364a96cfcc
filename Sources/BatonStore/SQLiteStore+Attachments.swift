import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A file a customer attached to a message, as intake hands it over.
public struct NewAttachment: Equatable, Sendable {
    public var name: String
    public var contentType: String
    public var data: [UInt8]
    /// SHA-256 of `data`, lowercase hex: the file's name beside the store.
    public var digest: String

    public init(name: String, contentType: String, data: [UInt8], digest: String) {
        self.name = name
        self.contentType = contentType
        self.data = data
        self.digest = digest
    }
}

/// A kept attachment of a conversation, numbered from 1 in the thread's order.
public struct StoredAttachment: Equatable, Sendable {
    public var number: Int
    public var messageID: Int64
    public var name: String
    public var contentType: String
    /// Bytes.
    public var size: Int
    /// SHA-256 of the bytes, hex: the file's name in the attachments folder.
    public var digest: String

    public init(number: Int, messageID: Int64, name: String, contentType: String, size: Int, digest: String) {
        self.number = number
        self.messageID = messageID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.digest = digest
    }
}

/// Attachments live beside the store (`STORE-attachments/`, one file per content, named by
/// its SHA-256), closed to others like the store: the folder 0770 (a setgid store folder
/// gives it the team's group), each file 0660 in the store file's group, created with
/// O_CREAT|O_EXCL|O_NOFOLLOW so a link put in the folder is never followed, and read the
/// same way. The rows saying which message holds which file are in the store.
extension SQLiteStore {
    public static func attachmentsPath(forStore path: String) -> String { path + "-attachments" }

    /// A conversation's attachments, in the order of its messages.
    public func attachments(ofConversation id: Int64) throws -> [StoredAttachment] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.message_id, a.name, a.content_type, a.size, a.digest FROM attachments a JOIN messages m ON m.id = a.message_id
                WHERE m.conversation_id = ? ORDER BY m.created_at, m.id, a.position
                """, arguments: [id]).enumerated().map { index, row in
                StoredAttachment(number: index + 1, messageID: row["message_id"], name: row["name"], contentType: row["content_type"],
                                 size: row["size"], digest: row["digest"])
            }
        }
    }

    /// The bytes of a kept attachment. Throws `StoreError.cannotOpen` when its file is
    /// missing, a link, or unreadable.
    public func attachmentData(_ attachment: StoredAttachment) throws -> Data {
        let folder = Self.attachmentsPath(forStore: path)
        let file = folder + "/" + attachment.digest
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.cannotOpen(path: file, reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        return try handle.readToEnd() ?? Data()
    }
}

extension SQLiteIntakeWriter {
    /// Keeps `files` as the attachments of the message `messageKey`, inside the caller's
    /// transaction: each file's bytes go to the attachments folder first (a file left by
    /// a transaction that then rolled back is only an unreferenced copy).
    public func keepAttachments(_ files: [NewAttachment], ofMessage messageKey: String) throws {
        guard !files.isEmpty,
              let messageID = try Int64.fetchOne(db, sql: "SELECT id FROM messages WHERE external_key = ?", arguments: [messageKey]) else { return }
        let folder = SQLiteStore.attachmentsPath(forStore: store.path)
        try StoreFiles.prepareFolder(folder)
        var storeInfo = stat()
        let group: gid_t? = stat(store.path, &storeInfo) == 0 ? storeInfo.st_gid : nil
        for (position, file) in files.enumerated() {
            let digest = file.digest
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { continue }
            try SQLiteStore.keepAttachmentFile(file.data, at: folder + "/" + digest, group: group, store: store.path)
            try db.execute(sql: """
                INSERT OR IGNORE INTO attachments (message_id, position, name, content_type, size, digest) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [messageID, position, file.name, file.contentType, file.data.count, digest])
        }
    }
}

extension SQLiteStore {
    /// Writes one attachment's bytes to `path` in the attachments folder (0660, in `group`),
    /// never following a link; a regular file already there holds the same content (its name
    /// is the SHA-256), so it is left as it is. Used by intake and by `baton store copy`.
    /// Returns false when the file was there already. Throws `StoreError.cannotOpen`.
    @discardableResult
    static func keepAttachmentFile(_ data: [UInt8], at path: String, group: gid_t?, store: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o660)
        if descriptor < 0 {
            // Kept before (the same content); a link in its place is refused, not followed.
            if errno == EEXIST {
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { return false }
                throw StoreFiles.linkRefused(path, store: store)
            }
            throw StoreError.cannotOpen(path: path, reason: "cannot keep the attachment: " + String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o660)
        if let group { _ = fchown(descriptor, uid_t.max, group) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, data.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw StoreError.cannotOpen(path: path, reason: "cannot keep the attachment: " + reason)
            }
            offset += written
        }
        return true
    }
}
