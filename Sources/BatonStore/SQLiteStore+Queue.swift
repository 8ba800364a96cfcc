import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Sorts like the `conversations_queue` index, so the window is one index walk.
    static let queueOrder = "ifnull(c.sla_due, 9223372036854775807), c.id"

    /// The columns a `QueueRow` is read from, for conversations `c`; callers add WHERE and ORDER.
    static let rowSelect = """
        SELECT c.*, ifnull(t.short, upper(substr(c.tier_id, 1, 4))) AS tier_short,
            t.warn_before_s AS tier_warn_before_s, t.pause_on_hold AS tier_pause_on_hold,
            (SELECT group_concat(k.engineer_id, ',') FROM collaborators k WHERE k.conversation_id = c.id) AS collaborators
        FROM conversations c LEFT JOIN tiers t ON t.id = c.tier_id
        """

    public func queueCounts(now: Date) throws -> QueueCounts {
        try read { db in
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations WHERE is_open = 1") ?? 0
            let unowned = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations WHERE is_open = 1 AND owner_id IS NULL") ?? 0
            let breaching = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM conversations c
                WHERE c.is_open = 1 AND ifnull(c.sla_due, 9223372036854775807) <= ?
                """, arguments: [Int64(now.timeIntervalSince1970)]) ?? 0
            // At risk: due within the tier's warn_before, not yet due.
            let atRisk = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM conversations c LEFT JOIN tiers t ON t.id = c.tier_id
                WHERE c.is_open = 1 AND c.sla_due > ? AND c.sla_due <= ? + ifnull(t.warn_before_s, \(Tier.defaultWarnBefore))
                """, arguments: [Int64(now.timeIntervalSince1970), Int64(now.timeIntervalSince1970)]) ?? 0
            return QueueCounts(open: open, unowned: unowned, breaching: breaching, atRisk: atRisk)
        }
    }

    public func queueWindow(_ query: QueueQuery, offset: Int, limit: Int) throws -> [QueueRow] {
        let (condition, arguments) = try Self.condition(for: query)
        return try read { db in
            try Row.fetchAll(db, sql: """
                \(Self.rowSelect)
                WHERE \(condition)
                ORDER BY \(Self.queueOrder) LIMIT ? OFFSET ?
                """, arguments: arguments + [limit, offset]).map(Self.queueRow)
        }
    }

    /// Where conversation `id` stands in the queue (0 first), or nil when the query leaves it out:
    /// the screen follows the selected conversation when it moves out of the window.
    public func queuePosition(of id: Int64, _ query: QueueQuery) throws -> Int? {
        let (condition, arguments) = try Self.condition(for: query)
        let due = "ifnull(c.sla_due, 9223372036854775807)"
        return try read { db in
            guard let position = try Int64.fetchOne(db, sql: "SELECT \(due) FROM conversations c WHERE c.id = ? AND \(condition)",
                                                    arguments: [id] + arguments) else { return nil }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations c WHERE \(condition) AND (\(due) < ? OR (\(due) = ? AND c.id < ?))",
                                    arguments: arguments + [position, position, id])
        }
    }

    public func queueSize(_ query: QueueQuery) throws -> Int {
        let (condition, arguments) = try Self.condition(for: query)
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations c WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    public func openConversationIDs(limit: Int) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM conversations WHERE is_open = 1 ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }

    public func conversation(_ id: Int64) throws -> ConversationDetail {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                \(Self.rowSelect) WHERE c.id = ?
                """, arguments: [id]) else { throw StoreError.notFound(conversation: id) }
            // The newest 2,000 messages are more than a screen can use; older ones stay in the store.
            let messages = try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 2000)
                ORDER BY created_at, id
                """, arguments: [id]).map { row in
                Message(id: row["id"], authorKind: AuthorKind(rawValue: row["author_kind"]) ?? .system,
                        authorName: row["author_name"], authorID: row["author_id"], body: row["body"],
                        createdAt: Self.date(row["created_at"]),
                        state: MessageState(rawValue: row["state"]) ?? .received,
                        editedAt: (row["edited_at"] as Int64?).map(Self.date), deletedAt: (row["deleted_at"] as Int64?).map(Self.date),
                        sentAt: (row["sent_at"] as Int64?).map(Self.date))
            }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE conversation_id = ? ORDER BY at, id", arguments: [id]).map { row in
                AuditEvent(id: row["id"], at: Date(timeIntervalSince1970: TimeInterval(row["at"] as Int64)), actor: row["actor"],
                           kind: row["kind"], conversationID: row["conversation_id"], detail: row["detail"])
            }
            let collaborators = try String.fetchAll(db, sql: "SELECT engineer_id FROM collaborators WHERE conversation_id = ? ORDER BY added_at, engineer_id", arguments: [id])
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE conversation_id = ? ORDER BY tag", arguments: [id])
            var detail = ConversationDetail(row: Self.queueRow(row), messages: messages, events: events, collaborators: collaborators, tags: tags)
            // A tier that left the config has no policy to explain by; the rest of the detail stands.
            if let policy = try? slaPolicy(tierID: row["tier_id"], customerID: row["customer_id"], in: db) {
                detail.sla = SLAExplanation.make(conversation: id, tier: row["tier_id"], policy: policy, clock: Self.clock(row))
            }
            return detail
        }
    }

    /// The WHERE clause for a queue query in the filter language (`QueueFilter`): every
    /// term must match. A plain word matches subject, customer and owner anywhere, a tag or
    /// an author's name, and message text by words that start with it (full-text index),
    /// the last two from three characters on, so the first keystrokes of a filter stay
    /// instant; "209" or "#209" also finds conversation 209, as footers and reports name them.
    ///
    /// Throws `FilterTooLong` for a filter of more than `FilterTooLong.maximumCharacters`:
    /// a longer one passed SQLite's LIKE pattern limit and printed its raw error.
    static func condition(for query: QueueQuery) throws -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        let text = query.filter.trimmingCharacters(in: .whitespaces)
        guard text.utf8.count <= FilterTooLong.maximumCharacters || text.count <= FilterTooLong.maximumCharacters else {
            throw FilterTooLong(characters: text.count)
        }
        let filter = QueueFilter(query.filter)
        if !query.includeClosed && !filter.includesClosed { clauses.append("c.is_open = 1") }
        let now = Int64((query.now ?? Date()).timeIntervalSince1970)
        let due = "ifnull(c.sla_due, 9223372036854775807)"
        for term in filter.terms {
            switch term {
            case .word(let text):
                let (clause, values) = wordCondition(text)
                clauses.append(clause)
                arguments += values
            case .owner(let owner):
                clauses.append("c.owner_id = ?")
                arguments += [owner]
            case .customer(let customer):
                clauses.append("(c.customer_id = ? OR c.customer_name LIKE ? ESCAPE '\\')")
                arguments += [customer, likePattern(customer, anywhere: false)]
            case .tier(let tier):
                clauses.append("(c.tier_id LIKE ? ESCAPE '\\' OR c.tier_id IN (SELECT id FROM tiers WHERE short LIKE ? ESCAPE '\\'))")
                arguments += [likePattern(tier, anywhere: false), likePattern(tier, anywhere: false)]
            case .tag(let tag):
                clauses.append("c.id IN (SELECT conversation_id FROM tags WHERE tag = ?)")
                arguments += [tag]
            case .status(let status):
                clauses.append("c.status = ?")
                arguments += [status.rawValue]
            case .unowned:
                clauses.append("c.owner_id IS NULL")
            case .mine:
                clauses.append("c.owner_id = ?")
                arguments += [query.viewer]
            case .breaching:
                clauses.append("\(due) <= ?")
                arguments += [now]
            case .atRisk:
                // Within the tier's warn_before, as the queue colors it and the header counts it.
                clauses.append("\(due) <= ? + ifnull((SELECT t.warn_before_s FROM tiers t WHERE t.id = c.tier_id), \(Tier.defaultWarnBefore))")
                arguments += [now]
            case .open:
                clauses.append("c.is_open = 1")
            case .closed:
                clauses.append("c.is_open = 0")
            }
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// `%text%` (or `text%`) with LIKE's own characters escaped.
    static func likePattern(_ text: String, anywhere: Bool = true) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return (anywhere ? "%" : "") + escaped + "%"
    }

    /// One plain word of the filter: any of the fields may hold it.
    static func wordCondition(_ text: String) -> (String, StatementArguments) {
        let pattern = likePattern(text)
        var alternatives = [
            "c.subject LIKE ? ESCAPE '\\'",
            "c.customer_name LIKE ? ESCAPE '\\'",
            "ifnull(c.owner_id, '') LIKE ? ESCAPE '\\'",
            "c.id IN (SELECT conversation_id FROM tags WHERE tag LIKE ? ESCAPE '\\')",
        ]
        var arguments: StatementArguments = [pattern, pattern, pattern, pattern]
        let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), let id = Int64(digits) {
            alternatives.append("c.id = ?")
            arguments += [id]
        }
        if text.count >= 3 {
            alternatives.append("EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.author_name LIKE ? ESCAPE '\\')")
            arguments += [pattern]
        }
        if let match = ftsQuery(text) {
            alternatives.append("c.id IN (SELECT m.conversation_id FROM messages m WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?))")
            arguments += [match]
        }
        return ("(" + alternatives.joined(separator: " OR ") + ")", arguments)
    }

    /// Each word of the filter as a quoted prefix term, so nothing typed is FTS syntax.
    static func ftsQuery(_ text: String) -> String? {
        guard text.count >= 3 else { return nil }
        // At most 32 words: each is a prefix scan of the index, and a pasted paragraph is no filter.
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(32).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " AND ")
    }

    static func queueRow(_ row: Row) -> QueueRow {
        let due: Int64? = row["sla_due"]
        var queueRow = QueueRow(
            id: row["id"], subject: row["subject"],
            status: ConversationStatus(rawValue: row["status"]) ?? .open,
            source: Source(rawValue: row["source"]) ?? .email,
            customerID: row["customer_id"], customerName: row["customer_name"],
            tierID: row["tier_id"], tierShort: row["tier_short"], ownerID: row["owner_id"],
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(row["updated_at"] as Int64)),
            slaDue: due.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            messageCount: row["message_count"], version: row["version"],
            ownerVia: (row["owner_via"] as String?).flatMap(OwnerBasis.init(rawValue:)),
            collaborators: (row["collaborators"] as String?).map { $0.split(separator: ",").map(String.init).sorted() } ?? [])
        queueRow.warnBefore = (row["tier_warn_before_s"] as Int64?) ?? Tier.defaultWarnBefore
        let pauseOnHold = (row["tier_pause_on_hold"] as Bool?) ?? true
        queueRow.slaPaused = queueRow.status == .pending || (queueRow.status == .onHold && pauseOnHold)
        return queueRow
    }
}

extension SQLiteStore {
    /// How many messages the store holds, for benchmarks and reports.
    public func messageCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0 }
    }
}

/// A queue filter longer than anyone types: refused with its length, rather than handed to
/// SQLite, whose LIKE patterns stop at 50,000 bytes with an error in its own words.
public struct FilterTooLong: Error, Equatable, CustomStringConvertible {
    /// The longest filter, in characters: a pasted subject fits (they are cut at 200).
    public static let maximumCharacters = 1_000
    public var characters: Int

    public init(characters: Int) { self.characters = characters }

    public var description: String {
        "a filter of \(characters) characters is longer than the \(Self.maximumCharacters) a filter may have; filter by a few words"
    }
}
