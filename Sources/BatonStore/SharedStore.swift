import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `baton init --group`: a store that every member of one Unix group can write and
/// nobody else can read. The folder is setgid (2770), so files SQLite creates later
/// (the -wal and -shm) belong to the group too; the files are 0660.
public enum SharedStore {
    public struct Created: Equatable, Sendable {
        public var folder: String
        public var files: [String]
    }

    /// Creates (or closes) the store at `path` for group `gid`. The folder must be the
    /// store's own: one holding other files is refused rather than opened to a group.
    public static func create(at path: String, groupID gid: gid_t) throws -> Created {
        let folder = StoreFiles.folder(of: path)
        let name = (path as NSString).lastPathComponent
        let own = Set(["", "-wal", "-shm", "-journal", "-presence", "-presence-wal", "-presence-shm"].map { name + $0 })
        let manager = FileManager.default
        if manager.fileExists(atPath: folder) {
            let others = try manager.contentsOfDirectory(atPath: folder).filter { !own.contains($0) }.sorted()
            guard others.isEmpty else {
                throw SharedStoreError(message: "\(folder) holds other files (\(others.prefix(3).joined(separator: ", "))); give the store a folder of its own, such as \(folder)/baton/\(name)")
            }
        } else {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o770])
        }
        try apply(folder, gid: gid, mode: 0o2770)
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o660)
        guard descriptor >= 0 else { throw SharedStoreError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
        close(descriptor)
        try apply(path, gid: gid, mode: 0o660)
        // Open it once: the migrations run, and SQLite makes its -wal and -shm.
        _ = try SQLiteStore(path: path)
        var files = [path]
        for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
            try apply(path + suffix, gid: gid, mode: 0o660)
            files.append(path + suffix)
        }
        return Created(folder: folder, files: files)
    }

    static func apply(_ path: String, gid: gid_t, mode: mode_t) throws {
        guard chown(path, uid_t.max, gid) == 0 else {
            throw SharedStoreError(message: "cannot give \(path) to group \(gid): \(String(cString: strerror(errno))); are you a member of the group, or root?")
        }
        guard chmod(path, mode) == 0 else {
            throw SharedStoreError(message: "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }
}

public struct SharedStoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
