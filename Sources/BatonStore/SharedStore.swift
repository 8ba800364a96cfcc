import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `baton init --group`: a store that every member of one Unix group can write and
/// nobody else can read. The folder is setgid (2770), so files SQLite creates later
/// (the -wal and -shm) belong to the group too; the files are 0660.
///
/// init often runs as root, in a folder the group can write: anything in it may have
/// been put there by a member. So every file and the folder are opened without following
/// links (O_NOFOLLOW; O_CREAT|O_EXCL when new), looked at with fstat, and changed with
/// fchown and fchmod on that descriptor: a link swapped in for the store can neither be
/// followed nor raced. One that is there already must belong to someone who could have
/// made it honestly (see `StoreOwnership`); anything else is refused, by name.
public enum SharedStore {
    public struct Created: Equatable, Sendable {
        public var folder: String
        public var files: [String]
    }

    /// The names beside the store that are the store's own (SQLite's, presence's, the spool).
    public static let companions = ["-wal", "-shm", "-journal", "-presence", "-presence-wal", "-presence-shm"]

    /// Creates (or closes) the store at `path` for group `gid`. The folder must be the
    /// store's own: one holding other files is refused rather than opened to a group.
    /// `invoker` is the person running init (under sudo, the one who ran sudo).
    /// - Throws: `SharedStoreError` naming the file: a link, a file that is not plain, one
    ///   whose owner or group is not to be trusted, one that cannot be changed.
    public static func create(at path: String, groupID gid: gid_t, invoker: uid_t = StoreOwnership.invokingUser()) throws -> Created {
        let trust = StoreOwnership(groupID: gid, invoker: invoker)
        let folder = StoreFiles.folder(of: path)
        let name = (path as NSString).lastPathComponent
        let manager = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, !manager.fileExists(atPath: parent) {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        // 0700 until it is given to the group below; EEXIST means it is there already, and is vetted.
        let madeFolder = mkdir(folder, 0o700) == 0
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { throw refusal(errno, folder) }
        defer { close(directory) }
        if !madeFolder { try trust.vet(directory, folder, kind: S_IFDIR) }

        let own = Set(([""] + companions + ["-spool"]).map { name + $0 })
        let others = try names(in: directory, folder).filter { !own.contains($0) }.sorted()
        guard others.isEmpty else {
            throw SharedStoreError(message: "\(folder) holds other files (\(others.prefix(3).joined(separator: ", "))); give the store a folder of its own, such as \(folder)/baton/\(name)")
        }
        try apply(directory, folder, gid: gid, mode: 0o2770)

        var file = openat(directory, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if file < 0, errno == EEXIST {
            // O_NONBLOCK: a FIFO in its place must not hang a root shell in open(2).
            file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard file >= 0 else { throw refusal(errno, path) }
            defer { close(file) }
            try trust.vet(file, path, kind: S_IFREG)
            try apply(file, path, gid: gid, mode: 0o660)
        } else {
            guard file >= 0 else { throw SharedStoreError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
            defer { close(file) }
            try apply(file, path, gid: gid, mode: 0o660)
        }
        // Before SQLite opens anything (it follows links): every companion already there is vetted and closed.
        var files = [path]
        files += try closeCompanions(directory, folder: folder, name: name, trust: trust)
        // Open it once: the migrations run, and SQLite makes its -wal and -shm.
        _ = try SQLiteStore(path: path)
        files += try closeCompanions(directory, folder: folder, name: name, trust: trust)
        var seen = Set<String>()
        return Created(folder: folder, files: files.filter { seen.insert($0).inserted })
    }

    /// Vets and closes each companion file (and the spool folder with its files) that is there.
    static func closeCompanions(_ directory: Int32, folder: String, name: String, trust: StoreOwnership) throws -> [String] {
        var done: [String] = []
        for suffix in companions {
            let file = openat(directory, name + suffix, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            let path = folder + "/" + name + suffix
            if file < 0 {
                if errno == ENOENT { continue }
                throw refusal(errno, path)
            }
            defer { close(file) }
            try trust.vet(file, path, kind: S_IFREG)
            try apply(file, path, gid: trust.groupID, mode: 0o660)
            done.append(path)
        }
        let spoolPath = folder + "/" + name + "-spool"
        let spool = openat(directory, name + "-spool", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if spool < 0 {
            if errno == ENOENT { return done }
            throw refusal(errno, spoolPath)
        }
        defer { close(spool) }
        try trust.vet(spool, spoolPath, kind: S_IFDIR)
        try apply(spool, spoolPath, gid: trust.groupID, mode: 0o2770)
        done.append(spoolPath)
        for entry in try names(in: spool, spoolPath) {
            let file = openat(spool, entry, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard file >= 0 else { throw refusal(errno, spoolPath + "/" + entry) }
            defer { close(file) }
            try trust.vet(file, spoolPath + "/" + entry, kind: S_IFREG)
            try apply(file, spoolPath + "/" + entry, gid: trust.groupID, mode: 0o660)
        }
        return done
    }

    /// The names in an open folder, without "." and "..".
    static func names(in directory: Int32, _ path: String) throws -> [String] {
        guard let stream = fdopendir(dup(directory)) else {
            throw SharedStoreError(message: "cannot list \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var found: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { found.append(name) }
        }
        return found
    }

    static func refusal(_ failure: Int32, _ path: String) -> SharedStoreError {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            return SharedStoreError(message: "\(path) is a symbolic link; refused: baton never follows a link in the store's place (remove it, then run init again)")
        }
        return SharedStoreError(message: "cannot open \(path): \(String(cString: strerror(failure)))")
    }

    /// Group and mode, on the open descriptor: the owner stays who made it.
    static func apply(_ descriptor: Int32, _ path: String, gid: gid_t, mode: mode_t) throws {
        guard fchown(descriptor, uid_t.max, gid) == 0 else {
            throw SharedStoreError(message: "cannot give \(path) to group \(gid): \(String(cString: strerror(errno))); are you a member of the group, or root?")
        }
        guard fchmod(descriptor, mode) == 0 else {
            throw SharedStoreError(message: "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }
}

public struct SharedStoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
