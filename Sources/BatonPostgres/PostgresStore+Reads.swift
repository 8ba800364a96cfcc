import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// The quarantine, the Slack directory, mail headers, leases, the demo marker and SLA
/// explanations: small reads and writes, as the SQLite store's.
extension PostgresStore {
    public func quarantineCount() throws -> Int {
        Int(try session.query("SELECT count(*) AS n FROM quarantine").first?.int("n") ?? 0)
    }

    public func quarantineEntries() throws -> [QuarantineEntry] {
        try session.query("SELECT id, kind, source, origin, reason, received_at, octet_length(raw)::bigint AS size FROM quarantine ORDER BY received_at, id")
            .map(Self.quarantineEntry)
    }

    public func quarantined(_ id: Int64) throws -> (entry: QuarantineEntry, raw: Data) {
        guard let row = try session.query("""
            SELECT id, kind, source, origin, reason, received_at, octet_length(raw)::bigint AS size, raw FROM quarantine WHERE id = $1
            """, [.int(id)]).first else { throw QuarantineNotFound(id: id) }
        let raw = try row["raw"].decode(ByteBuffer.self)
        return (try Self.quarantineEntry(row), Data(raw.readableBytesView))
    }

    static func quarantineEntry(_ row: PostgresRandomAccessRow) throws -> QuarantineEntry {
        QuarantineEntry(id: try row.int("id"), kind: QuarantineKind(rawValue: try row.text("kind")) ?? .notAMessage, source: try row.text("source"),
                        origin: try row.text("origin"), reason: try row.text("reason"), receivedAt: try row.date("received_at"), size: Int(try row.int("size")))
    }

    public func slackDirectory() throws -> (channels: [(id: String, name: String)], users: [StoredSlackUser]) {
        let channels = try session.query("SELECT id, name FROM slack_channels ORDER BY id").map { (id: try $0.text("id"), name: try $0.text("name")) }
        let users = try session.query("SELECT id, name, email, is_bot FROM slack_users ORDER BY id").map {
            StoredSlackUser(id: try $0.text("id"), name: try $0.text("name"), email: try $0.textOrNil("email"), isBot: try $0.bool("is_bot"))
        }
        return (channels, users)
    }

    public func slackDirectoryVersion() throws -> Int64 {
        try session.query("""
            SELECT (SELECT count(*) FROM slack_users) * 1000003 + (SELECT coalesce(max(seen_at), 0) + count(*) FROM slack_channels) AS v
            """).first?.int("v") ?? 0
    }

    public func answeredMail(conversation id: Int64, before: Date?) throws -> StoredMailHeaders? {
        try session.query("""
            SELECT h.* FROM mail_headers h JOIN messages m ON m.id = h.message_id
            WHERE m.conversation_id = $1 AND ($2::bigint IS NULL OR m.created_at < $2)
            ORDER BY (m.author_kind = 'customer') DESC, m.created_at DESC, m.id DESC LIMIT 1
            """, [.int(id), .seconds(before)]).first.map {
            StoredMailHeaders(from: try $0.text("mail_from"), replyTo: try $0.text("reply_to"), to: try $0.text("mail_to"), cc: try $0.text("mail_cc"),
                              messageID: try $0.textOrNil("message_id_header"),
                              references: try $0.text("refs").split(separator: " ").map(String.init), subject: try $0.text("subject"))
        }
    }

    // Attachments: PostgresStore+Attachments.swift.

    public func holdLease(_ name: String, holder: String, for duration: TimeInterval, now: Date) throws -> Bool {
        let nowMs = Int64((now.timeIntervalSince1970 * 1_000).rounded(.down))
        let until = nowMs + Int64((duration * 1_000).rounded(.up))
        return try session.execute("""
            INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
            """, [.text(name), .text(holder), .int(until), .int(nowMs)]) == 1
    }

    public func releaseLease(_ name: String, holder: String) throws {
        try session.execute("DELETE FROM leases WHERE name = $1 AND holder = $2", [.text(name), .text(holder)])
    }

    public func markAsDemo() throws {
        try session.execute("INSERT INTO meta (key, value) VALUES ('demo', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    }

    public func isDemo() throws -> Bool {
        try session.query("SELECT value FROM meta WHERE key = 'demo'").first?.text("value") == "1"
    }

    public func slaExplanation(_ id: Int64, now: Date) throws -> (row: QueueRow, explanation: SLAExplanation) {
        guard let row = try session.query("\(Self.rowSelect) WHERE c.id = $1", [.int(id)]).first else { throw StoreError.notFound(conversation: id) }
        let tierID = try row.text("tier_id")
        let policy = try slaPolicy(tierID: tierID, customerID: try row.textOrNil("customer_id"))
        return (try Self.queueRow(row), SLAExplanation.make(conversation: id, tier: tierID, policy: policy, clock: try Self.clock(row), now: now))
    }
}
