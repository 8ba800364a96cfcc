import BatonCore
import Foundation

/// One import step's unit of work, whatever the database: everything done through one
/// writer lands in one transaction, or none of it does. Ingest sees only this protocol
/// (never a database handle), so every backend can run the same importers.
///
/// Instants are UTC; `actor` is the Unix user (or service) the audit log names.
public protocol IntakeWriter {
    var actor: String { get }
    /// The instant the step runs at (UTC), passed in: the store has no clock of its own.
    var now: Date { get }

    /// The conversation whose external key is `key`.
    func conversationID(externalKey key: String) throws -> Int64?
    /// The conversation holding the message whose external key is `key`.
    func conversationID(ofMessage key: String) throws -> Int64?
    func hasMessage(_ key: String) throws -> Bool
    /// The newest open conversation from `source` for this customer with exactly this subject.
    func openConversation(source: Source, customerName: String, subject: String) throws -> Int64?
    /// As above, in which `authorID` has written, active since `since` (UTC).
    func openConversation(source: Source, customerName: String, subject: String, authorID: String, since: Date) throws -> Int64?
    /// Creates a conversation; returns its id, and whether it is new (its key was unknown).
    func create(_ new: NewConversation) throws -> (id: Int64, created: Bool)
    /// Adds a message to a conversation; false when its key is known already.
    func append(_ message: NewMessage, to id: Int64) throws -> Bool
    /// Replaces a message's text; false when unknown or unchanged. `editedAt` marks it edited.
    func editMessage(_ key: String, body: String, editedAt: Date?) throws -> Bool
    /// Gives the conversation a new subject when `key` is its opening message.
    func retitle(openedBy key: String, subject: String) throws
    /// Records when a message that came already edited was edited.
    func markEdited(_ key: String, at: Date) throws
    /// Marks a message deleted, keeping its text; false when unknown or already marked.
    func deleteMessage(_ key: String, at: Date) throws -> Bool
    /// Sets a conversation's deadline (UTC) where intake knows better than the tier.
    func setDeadline(_ id: Int64, due: Date) throws
    /// Keeps an NPS answer; false when its key is known already.
    func recordNPS(_ answer: NPSRecord) throws -> Bool
    func hasNPS(_ key: String) throws -> Bool
    /// Keeps input whole in the quarantine; false when the same bytes (`digest`, SHA-256 hex) are there already.
    func quarantine(source: String, origin: String, reason: String, raw: Data, digest: String, kind: QuarantineKind) throws -> Bool
    /// A bounce (RFC 3464) returned the mail with Message-ID `messageID` (no angle brackets):
    /// when that is a reply baton sent, the reply becomes `failed` with `reason` and a
    /// `bounced` event. Returns the reply's conversation, or nil when it was none.
    func markReplyBounced(messageID: String, reason: String) throws -> Int64?
    /// Runs `body` in a savepoint of the unit of work: when it throws, what it wrote is
    /// undone and the error rethrown, and what came before it stays (many messages in one
    /// transaction, each all or nothing).
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// The conversation holding the first of `keys` (message external keys, in order of preference) that the store has.
    func conversationID(ofFirstMessageIn keys: [String]) throws -> Int64?
    /// Removes quarantine entry `id` (released or dropped).
    func removeQuarantined(_ id: Int64) throws
    /// Records a Slack Events API delivery; false when it was handled before (a retry).
    func markSlackEvent(_ eventID: String) throws -> Bool
    /// Notes an import's action on a conversation in the audit log.
    func recordEvent(kind: String, conversation: Int64?, detail: String) throws
    func rememberSlackChannels(_ channels: [(id: String, name: String)]) throws
    func rememberSlackUsers(_ users: [StoredSlackUser]) throws
    /// Keeps a message's attachments, in the same unit of work as the message.
    func keepAttachments(_ files: [NewAttachment], ofMessage messageKey: String) throws
    /// Keeps the mail headers a reply to this message needs (RFC 5322 From, Reply-To, To, Cc, Message-ID, References).
    func recordMailHeaders(_ headers: StoredMailHeaders, forMessage key: String) throws
}

extension IntakeWriter {
    /// Keeps unreadable input whole (kind `notAMessage`); false when the same bytes are quarantined already.
    public func quarantine(source: String, origin: String, reason: String, raw: Data, digest: String) throws -> Bool {
        try quarantine(source: source, origin: origin, reason: reason, raw: raw, digest: digest, kind: .notAMessage)
    }
}

/// Ingest's part of a store: one unit of work per message or file, and what reports and
/// `baton quarantine` read back.
public protocol IntakeStore: ConversationStore {
    /// Runs one import step in one transaction: all of it lands, or none.
    /// - Throws: what `body` throws (nothing is kept), or `StoreError` when the store cannot be written.
    func intake<T>(actor: String, at now: Date, _ body: (IntakeWriter) throws -> T) throws -> T
    /// Stores many conversations in one transaction: for the demo's history and benchmarks.
    func createConversations(_ batch: [NewConversation], actor: String, at now: Date) throws
    /// How many rows the quarantine holds.
    func quarantineCount() throws -> Int
    func quarantineEntries() throws -> [QuarantineEntry]
    /// One entry with its bytes. Throws `QuarantineNotFound` for an unknown id.
    func quarantined(_ id: Int64) throws -> (entry: QuarantineEntry, raw: Data)
    /// NPS answers kept, and how many of those count (not from internal addresses).
    func npsCounts() throws -> (all: Int, counted: Int)
    /// A message's text and marks by its external key, for tests and checks.
    func messageState(_ key: String) throws -> (body: String, edited: Bool, deleted: Bool, authorKind: AuthorKind, authorName: String)?
    /// How many messages the store holds.
    func messageCount() throws -> Int
    func slackDirectory() throws -> (channels: [(id: String, name: String)], users: [StoredSlackUser])
    /// A number that changes whenever the Slack directory does.
    func slackDirectoryVersion() throws -> Int64
    /// The headers of the latest customer mail in a conversation (before `before`, UTC, when given).
    func answeredMail(conversation id: Int64, before: Date?) throws -> StoredMailHeaders?
    /// A conversation's attachments, in the order of its messages.
    func attachments(ofConversation id: Int64) throws -> [StoredAttachment]
    /// The bytes of a kept attachment. Throws `StoreError.cannotOpen` when they are gone.
    func attachmentData(_ attachment: StoredAttachment) throws -> Data
}

extension IntakeStore {
    public func answeredMail(conversation id: Int64) throws -> StoredMailHeaders? {
        try answeredMail(conversation: id, before: nil)
    }
}
