import Foundation

/// A stretch during which a conversation's SLA clock may stand still: while it waits on the
/// customer, while on hold (unless the tier counts hold time), and while solved or closed
/// (a conversation reopened by the customer resumes its resolution clock, it does not
/// count the time it was done). `end` is nil while the stretch lasts.
public struct SLAPause: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case pending = "p"
        case onHold = "h"
        case done = "d"

        /// The kind a status pauses with, or nil for a status in which the team owes work.
        public init?(_ status: ConversationStatus) {
            switch status {
            case .new, .open: return nil
            case .pending: self = .pending
            case .onHold: self = .onHold
            case .solved, .closed: self = .done
            }
        }
    }

    public var kind: Kind
    public var start: Date
    public var end: Date?

    public init(kind: Kind, start: Date, end: Date? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The store's form: `p1764000000-1764003600,h1764003600-` (kind letter, UTC seconds,
    /// an open end left empty), in order.
    public static func encode(_ pauses: [SLAPause]) -> String {
        pauses.map { pause in
            let end = pause.end.map { String(Int64($0.timeIntervalSince1970.rounded(.down))) } ?? ""
            return "\(pause.kind.rawValue)\(Int64(pause.start.timeIntervalSince1970.rounded(.down)))-\(end)"
        }.joined(separator: ",")
    }

    /// Reads `encode`'s form back; entries that are not in it are skipped (the column is ours).
    public static func decode(_ text: String) -> [SLAPause] {
        text.split(separator: ",").compactMap { item in
            guard let kind = item.first.flatMap({ Kind(rawValue: String($0)) }) else { return nil }
            let parts = item.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let start = Int64(parts[0]) else { return nil }
            let end = parts[1].isEmpty ? nil : Int64(parts[1])
            if !parts[1].isEmpty && end == nil { return nil }
            return SLAPause(kind: kind, start: Date(timeIntervalSince1970: TimeInterval(start)),
                            end: end.map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }
}
