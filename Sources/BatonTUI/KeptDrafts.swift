import BatonCore
import BatonStore
import Foundation

/// A reply or note the engineer wrote while the store's server went away: it could be
/// neither stored nor saved as the store's draft, so it is kept in a file of this
/// engineer's (`BASE-kept-ENGINEER/ID.KIND`, 0600, in a 0700 folder beside the seen file)
/// until the store answers again, then saved as the store's draft for that conversation
/// (R opens it, as any draft) and the file removed. A typed reply is never lost.
struct KeptDrafts {
    let folder: String

    /// `base` is the store's local-files prefix (`StoreLocation.localFilesBase`).
    init(base: String, engineer: String) {
        folder = base + "-kept-" + engineer
    }

    /// Writes `body` for the conversation; a second one for the same conversation is
    /// added below the first, never over it. Returns the file's path.
    /// - Throws: the file system's error when the folder or file cannot be written.
    func keep(_ body: String, conversation id: Int64, kind: ComposeKind) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder + "/\(id).\(kind.rawValue)"
        var text = body
        if let earlier = try? String(contentsOfFile: path, encoding: .utf8), !earlier.isEmpty { text = earlier + "\n\n" + body }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    /// Saves every kept text as the store's draft (after any draft already there) and
    /// removes its file; returns how many. A store still away leaves the files for next time.
    func restore(into store: TeamStore, author: String, at now: Date) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var restored = 0
        for name in names.sorted() {
            let parts = name.split(separator: ".")
            guard parts.count == 2, let id = Int64(parts[0]), let kind = ComposeKind(rawValue: String(parts[1])),
                  let body = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { continue }
            do {
                let earlier = try store.draft(id, author: author, kind: kind.rawValue) ?? ""
                try store.saveDraft(id, author: author, kind: kind.rawValue, body: earlier.isEmpty ? body : earlier + "\n\n" + body, at: now)
                try FileManager.default.removeItem(atPath: folder + "/" + name)
                restored += 1
            } catch {
                break  // still away: the rest waits too
            }
        }
        return restored
    }
}
