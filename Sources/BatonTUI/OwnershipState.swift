import BatonCore

/// The screen's view of the team: who is acting, the roster for pickers, who else has
/// which conversation open, and which conversations this engineer has not read.
public struct OwnershipState: Equatable, Sendable {
    /// The engineer acting; nil for someone not on the roster, who may only read.
    public var me: String?
    /// Why `me` is nil, said when a reader tries to act.
    public var readerReason: String = "you are not on the roster"
    public var roster: [RosterEntry] = []
    /// Each customer's dedicated pair, by customer id: shown on its conversations.
    public var pairs: [String: CustomerPair] = [:]
    /// Other screens' presence, by conversation: visible rows and the open conversation.
    public var presence: [Int64: [Presence]] = [:]
    /// The conversations with messages this engineer has not seen (see `SeenFile`).
    public var unread: Set<Int64> = []

    public init() {}

    public var engineerIDs: Set<String> { Set(roster.map(\.id)) }
}

public struct CustomerPair: Equatable, Sendable {
    public var engineer: String?
    public var csm: String?

    public init(engineer: String?, csm: String?) {
        self.engineer = engineer
        self.csm = csm
    }

    /// "dedicated ana · CSM viola", or nil for a customer without a pair.
    public var text: String? {
        let parts = [engineer.map { "dedicated \($0)" }, csm.map { "CSM \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

public struct RosterEntry: Equatable, Sendable {
    public var id: String
    public var name: String
    public var region: String

    public init(id: String, name: String, region: String) {
        self.id = id
        self.name = name
        self.region = region
    }
}

/// A list to choose from: an engineer to assign or rope in, or a status.
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case assign, ropeIn, status }

    public struct Option: Equatable, Sendable {
        public var value: String
        public var label: String
        /// "point", "on shift", "owner", "now": why this option stands out.
        public var note: String
    }

    public var purpose: Purpose
    /// The conversations the choice applies to: the selected one, or every marked one.
    public var targets: [Target]
    public var options: [Option]
    public var selected: Int = 0

    public var title: String {
        let names = Target.names(targets)
        switch purpose {
        case .assign: return "assign \(names) to"
        case .ropeIn: return "rope in on \(names)"
        case .status: return "status of \(names)"
        }
    }
}

/// An ownership or team action the event loop carries out against the store.
public enum OwnershipRequest: Equatable, Sendable {
    case claim(Int64)
    case take(Int64, version: Int)
    case assign(Int64, to: String, version: Int)
    case release(Int64, version: Int)
    case ropeIn(Int64, engineer: String)
    case status(Int64, ConversationStatus, version: Int)
    case tag(Int64, add: [String], remove: [String])
    case reply(Int64)
    /// A reply already written, held while its author is asked about a collision.
    case queueReply(Int64, body: String)
    case note(Int64)
    /// `!`: the conversation's failed and unconfirmed replies queued again (issue 13).
    case retryReplies(Int64)
}
