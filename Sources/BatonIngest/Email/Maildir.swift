import Foundation

/// A maildir's messages: every file in new/ and cur/ (tmp/ holds deliveries still being
/// written), in name order, which is delivery order for the usual time-based names.
public enum Maildir {
    public static func files(_ folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestError(file: folder, message: "no such folder")
        }
        let subfolders = ["new", "cur"].map { folder + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        guard !subfolders.isEmpty else { throw IngestError(file: folder, message: "not a maildir: it has neither new/ nor cur/") }
        return subfolders.flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { sub + "/" + $0 }
        }
    }
}
