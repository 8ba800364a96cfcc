import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A maildir's messages: every file in new/ and cur/ (tmp/ holds deliveries still being
/// written), in name order across both, which is delivery order for the usual time-based names.
public enum Maildir {
    public static func files(_ folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestError(file: folder, message: "no such folder")
        }
        let subfolders = ["new", "cur"].map { folder + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        guard !subfolders.isEmpty else { throw IngestError(file: folder, message: "not a maildir: it has neither new/ nor cur/") }
        let files = subfolders.flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []).filter { !$0.hasPrefix(".") }.map { (sub, $0) }
        }
        // Across both folders by name: maildir names start with the delivery time.
        return files.sorted { $0.1 < $1.1 }.map { $0.0 + "/" + $0.1 }
    }

    /// One message file's bytes. Throws `IngestError` naming the file and what the system
    /// said (permission denied, a folder, gone since the listing): a file that cannot be
    /// read is not an empty message, and is neither stored nor quarantined.
    public static func read(_ path: String) throws(IngestError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IngestError(file: path, message: "cannot be read: " + String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError(file: path, message: "cannot be read: " + String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
        }
    }
}
