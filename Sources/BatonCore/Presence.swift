import Foundation

/// An engineer with a conversation open somewhere on the box.
public struct Presence: Equatable, Sendable {
    public enum Activity: String, Sendable, CaseIterable {
        case viewing, replying
    }

    public var engineer: String
    public var conversationID: Int64
    public var activity: Activity
    public var heartbeatAt: Date

    public init(engineer: String, conversationID: Int64, activity: Activity, heartbeatAt: Date) {
        self.engineer = engineer
        self.conversationID = conversationID
        self.activity = activity
        self.heartbeatAt = heartbeatAt
    }

    /// How often a screen with a conversation open says it is still there.
    public static let heartbeatSeconds: TimeInterval = 1
    /// A heartbeat older than this is a process that died: it is no longer shown.
    public static let expirySeconds: TimeInterval = 4

    /// "ana is viewing", "ana and ben are viewing · erin is replying": one engineer once,
    /// replying winning over viewing.
    public static func summary(_ entries: [Presence]) -> String {
        var strongest: [String: Activity] = [:]
        for entry in entries where strongest[entry.engineer] != .replying { strongest[entry.engineer] = entry.activity }
        return Activity.allCases.reversed().compactMap { activity -> String? in
            let names = strongest.filter { $0.value == activity }.keys.sorted()
            guard !names.isEmpty else { return nil }
            let who = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            return who + (names.count == 1 ? " is " : " are ") + activity.rawValue
        }.joined(separator: " · ")
    }
}
