import Foundation

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
}
