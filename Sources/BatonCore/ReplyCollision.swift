import Foundation

/// Front's collision check at send time: who wrote in the conversation while a reply was
/// being written, other than its author. Internal notes count (a teammate may have said
/// "I've got this"); seconds are whole in the store, so "since" starts at its second.
public enum ReplyCollision {
    public static func writers(in messages: [Message], since start: Date, author: String) -> [String] {
        let from = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down))
        var names: [String] = []
        for message in messages where message.createdAt >= from && message.authorID != author && message.authorKind != .system {
            if !names.contains(message.authorName) { names.append(message.authorName) }
        }
        return names
    }

    /// "Priya wrote", "Priya and Dave wrote".
    public static func text(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return (names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last) + " wrote"
    }
}
