import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A maildir's messages: every file in new/ and cur/ (tmp/ holds deliveries still being
/// written), in name order across both, which is delivery order for the usual time-based names.
/// Read through `ExportFolder`, as Slack exports are: a symbolic link in new/ or cur/ (or
/// either of them a link) is refused and named, so a maildir cannot make the import read
/// the engineer's own files into the shared store.
public enum Maildir {
    public static func files(_ folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestError(file: folder, message: "no such folder")
        }
        let top = try ExportFolder(path: folder)
        let subfolders = ["new", "cur"].filter { top.exists($0) }
        guard !subfolders.isEmpty else { throw IngestError(file: folder, message: "not a maildir: it has neither new/ nor cur/") }
        let files = try subfolders.flatMap { sub in try top.list(sub).filter { !$0.hasPrefix(".") }.map { (sub, $0) } }
        // Across both folders by name: maildir names start with the delivery time.
        return files.sorted { $0.1 < $1.1 }.map { folder + "/" + $0.0 + "/" + $0.1 }
    }

    /// When the file was delivered: its modification time, which delivery agents leave at
    /// the moment they moved it into new/ (moving to cur/ keeps it). Nil when it cannot be
    /// read or is a link.
    public static func deliveryTime(_ path: String) -> Date? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
    }

    /// One message file's bytes (a path `files` gave: the maildir, new/ or cur/, the name).
    /// Throws `IngestError` naming the file and what the system said (permission denied, a
    /// folder, a symbolic link, gone since the listing): a file that cannot be read is not
    /// an empty message, and is neither stored nor quarantined.
    public static func read(_ path: String) throws(IngestError) -> [UInt8] {
        // The path as `files` made it, FOLDER/SUB/NAME, split at its last two slashes
        // (NSString's path methods cost more than the read, 20,000 times over).
        let slashes = path.indices.filter { path[$0] == "/" }.suffix(2)
        guard slashes.count == 2 else { throw IngestError(file: path, message: "cannot be read: not a maildir file path") }
        let top = String(path[..<slashes.first!])
        let sub = String(path[path.index(after: slashes.first!)..<slashes.last!])
        let name = String(path[path.index(after: slashes.last!)...])
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw IngestError(file: path, message: "cannot be read: " + String(cString: strerror(EISDIR)))
        }
        do {
            return [UInt8](try ExportFolder(path: top).read(sub + "/" + name))
        } catch let error as IngestError {
            throw IngestError(file: path, message: "cannot be read: " + error.message)
        } catch {
            throw IngestError(file: path, message: "cannot be read: \(error)")
        }
    }
}
