import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The store's file and folder as the file system sees them. Customer data must stay
/// within the team: a store that others can read or write is refused, with the command
/// that closes it; baton never changes permissions on its own. Where baton creates the
/// store itself, it creates it closed (folder 0770, file 0660) so it passes its own check.
///
/// The store's folder may be writable by the whole team, so any file in it may have been
/// swapped for a link by a member: baton creates its files with O_CREAT|O_EXCL|O_NOFOLLOW
/// and refuses to open a store, WAL, shm or presence file that is a symbolic link.
enum StoreFiles {
    /// SQLite's files beside a database, which carry its data too.
    static let sqliteCompanions = ["-wal", "-shm"]

    static func prepare(_ path: String) throws {
        guard path != ":memory:", !path.isEmpty else { return }
        let directory = folder(of: path)
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o770])
        }
        // O_EXCL: when several processes create the store at once, one creates, the rest open.
        // O_NOFOLLOW: a dangling link in its place is refused below, not followed to create a file elsewhere.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o660)
        if descriptor >= 0 {
            fchmod(descriptor, 0o660)  // exactly 0660, whatever the umask
            close(descriptor)
        }
        try check(path)
    }

    /// A folder beside the store (the spool), made like the presence file: in the store's
    /// folder, so a setgid folder gives it the team's group, and closed to others (0770,
    /// keeping the setgid bit it inherits). An existing one that is a link is refused.
    static func prepareFolder(_ path: String) throws {
        if mkdir(path, 0o770) == 0 {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if descriptor >= 0 {
                var info = stat()
                if fstat(descriptor, &info) == 0 { fchmod(descriptor, (info.st_mode & S_ISGID) | 0o770) }
                close(descriptor)
            }
        } else if errno != EEXIST {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if info.st_mode & S_IFMT == S_IFLNK { throw linkRefused(path, store: path) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreError.cannotOpen(path: path, reason: "not a folder") }
        if info.st_mode & (S_IROTH | S_IWOTH | S_IXOTH) != 0 {
            throw StoreError.openToOthers(path: path, what: "\(path) is mode \(String(info.st_mode & 0o7777, radix: 8)), open to others",
                                          fix: "chmod o-rwx " + quoted(path))
        }
    }

    /// Refuses a store file, its WAL or shm, or its folder that others can read or write,
    /// and a store file, WAL or shm that is a symbolic link.
    static func check(_ path: String) throws {
        let directory = folder(of: path)
        var open: [(String, mode_t)] = []
        for candidate in [directory, path] + sqliteCompanions.map({ path + $0 }) {
            var info = stat()
            // The folder may be a link the admin made (/var/lib/baton -> /data/baton): its target is what counts.
            guard (candidate == directory ? stat(candidate, &info) : lstat(candidate, &info)) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFLNK { throw linkRefused(candidate, store: path) }
            if info.st_mode & (S_IROTH | S_IWOTH) != 0 { open.append((candidate, info.st_mode & 0o7777)) }
        }
        guard !open.isEmpty else { return }
        let what = open.map { "\($0.0) is mode \(String($0.1, radix: 8)), open to others" }.joined(separator: " and ")
        throw StoreError.openToOthers(path: path, what: what, fix: "chmod o-rwx " + open.map { quoted($0.0) }.joined(separator: " "))
    }

    static func linkRefused(_ link: String, store: String) -> StoreError {
        .cannotOpen(path: store, reason: "\(link) is a symbolic link, and baton never follows one in the store's place (someone with write access to \(folder(of: link)) may have put it there); remove it and ask the admin to run `baton doctor`")
    }

    static func folder(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? FileManager.default.currentDirectoryPath : directory
    }

    /// A path as a shell reads it back unchanged.
    static func quoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) } ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
