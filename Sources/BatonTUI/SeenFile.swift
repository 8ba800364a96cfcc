import BatonCore
import Foundation

/// What one engineer has read, in a small file beside the store (`STORE-seen-ID`), as the
/// presence file is: opening a conversation writes here, not to the store, so it wakes no
/// other screen's change feed. One line `since SECONDS`, then `ID COUNT` per conversation
/// opened: how many messages it had then.
///
/// A conversation is unread when it has more messages than when this engineer last
/// opened it; one never opened is unread when it changed after the file was started
/// (so a new engineer does not start with the whole store unread).
final class SeenFile {
    let path: String
    private(set) var since: Date
    private(set) var counts: [Int64: Int] = [:]
    private var modified: Date?

    init(storePath: String, engineer: String, now: Date) {
        path = storePath + "-seen-" + engineer
        since = now
        if !load() { save() }
    }

    func isUnread(_ row: QueueRow) -> Bool {
        if let seen = counts[row.id] { return row.messageCount > seen }
        return row.updatedAt > since
    }

    /// Records that `row`'s messages were seen; false when nothing changed.
    @discardableResult
    func markSeen(_ id: Int64, messageCount: Int) -> Bool {
        guard counts[id] != messageCount else { return false }
        _ = load()  // another screen of the same engineer may have written meanwhile
        counts[id] = messageCount
        save()
        return true
    }

    /// Reads the file again when it changed; false when there is none (or it is unreadable).
    @discardableResult
    func load() -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return false }
        let stamp = attributes[.modificationDate] as? Date
        if let stamp, stamp == modified { return true }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        var counts: [Int64: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { continue }
            if fields[0] == "since", let seconds = Double(fields[1]) {
                since = Date(timeIntervalSince1970: seconds)
            } else if let id = Int64(fields[0]), let count = Int(fields[1]) {
                counts[id] = count
            }
        }
        self.counts = counts
        modified = stamp
        return true
    }

    /// Writes the whole file through a temporary one, so a reader never sees half of it.
    private func save() {
        var text = "since \(Int64(since.timeIntervalSince1970))\n"
        for (id, count) in counts.sorted(by: { $0.key < $1.key }) { text += "\(id) \(count)\n" }
        let temporary = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o660]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
        modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
