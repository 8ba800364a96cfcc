import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The store's file and folder as the file system sees them. Customer data must stay
/// within the team: a store that others can read or write is refused, with the command
/// that closes it; baton never changes permissions on its own. Where baton creates the
/// store itself, it creates it closed (folder 0770, file 0660) so it passes its own check.
enum StoreFiles {
    static func prepare(_ path: String) throws {
        guard path != ":memory:", !path.isEmpty else { return }
        let directory = folder(of: path)
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o770])
        }
        // O_EXCL: when several processes create the store at once, one creates, the rest open.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o660)
        if descriptor >= 0 {
            fchmod(descriptor, 0o660)  // exactly 0660, whatever the umask
            close(descriptor)
        }
        try check(path)
    }

    /// Refuses a store file or folder that others can read or write.
    static func check(_ path: String) throws {
        let directory = folder(of: path)
        var open: [(String, mode_t)] = []
        for candidate in [directory, path] {
            var info = stat()
            guard stat(candidate, &info) == 0 else { continue }
            if info.st_mode & (S_IROTH | S_IWOTH) != 0 { open.append((candidate, info.st_mode & 0o7777)) }
        }
        guard !open.isEmpty else { return }
        let what = open.map { "\($0.0) is mode \(String($0.1, radix: 8)), open to others" }.joined(separator: " and ")
        throw StoreError.openToOthers(path: path, what: what, fix: "chmod o-rwx " + open.map { quoted($0.0) }.joined(separator: " "))
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
