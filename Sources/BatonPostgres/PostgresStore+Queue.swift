import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// Numbered parameters for a statement built piece by piece.
struct SQLParameters {
    var values: [SQLValue] = []
    /// Adds `value` and returns its placeholder (`$3`).
    mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}

extension PostgresStore {
    /// Sorts like the `conversations_queue` index: by deadline, those owing nothing last.
    static let queueOrder = "coalesce(c.sla_due, 9223372036854775807), c.id"

    /// The columns a `QueueRow` is read from, as the SQLite store's `rowSelect`.
    static let rowSelect = """
        SELECT c.*, coalesce(t.short, upper(substr(c.tier_id, 1, 4))) AS tier_short,
            t.warn_before_s AS tier_warn_before_s, t.pause_on_hold AS tier_pause_on_hold,
            (SELECT string_agg(k.engineer_id, ',') FROM collaborators k WHERE k.conversation_id = c.id) AS collaborators
        FROM conversations c LEFT JOIN tiers t ON t.id = c.tier_id
        """

    /// Each count is its own walk of an index over the open conversations (`conversations_unowned`,
    /// `conversations_queue`), never of the table: a count of all rows with FILTERs read all
    /// 100,000 of them on every reload (98 ms). At risk is read from the deadlines in the
    /// widest warning window of any tier, then held to each conversation's own tier's.
    public func queueCounts(now: Date) throws -> QueueCounts {
        let at = PostgresSession.seconds(now)
        let due = "coalesce(c.sla_due, 9223372036854775807)"
        let row = try session.query("""
            SELECT (SELECT count(*) FROM conversations c WHERE c.is_open) AS open,
                (SELECT count(*) FROM conversations c WHERE c.is_open AND c.owner_id IS NULL) AS unowned,
                (SELECT count(*) FROM conversations c WHERE c.is_open AND \(due) <= $1) AS breaching,
                (SELECT count(*) FROM conversations c LEFT JOIN tiers t ON t.id = c.tier_id
                 WHERE c.is_open AND \(due) > $1
                   AND \(due) <= $1 + (SELECT greatest(\(Tier.defaultWarnBefore), max(warn_before_s)) FROM tiers)
                   AND c.sla_due <= $1 + coalesce(t.warn_before_s, \(Tier.defaultWarnBefore))) AS at_risk
            """, [.int(at)]).first
        return QueueCounts(open: Int(try row?.int("open") ?? 0), unowned: Int(try row?.int("unowned") ?? 0),
                           breaching: Int(try row?.int("breaching") ?? 0), atRisk: Int(try row?.int("at_risk") ?? 0))
    }

    /// The window's ids first, from the queue index alone when the filter allows (an
    /// index-only scan skips the rows before the window), then the window's rows by id.
    /// OFFSET over the full rows read, joined and sorted every row before the window: 115 ms
    /// for a window 10,000 rows down, 2 ms this way. The filter is evaluated once, as before
    /// (a first row's key, then the rows from it, ran a word filter twice: 1.3 s against
    /// 0.8 s for a word in every message); the ids are OFFSET's, so are the rows.
    public func queueWindow(_ query: QueueQuery, offset: Int, limit: Int) throws -> [QueueRow] {
        var parameters = SQLParameters()
        let condition = try Self.condition(for: query, &parameters)
        let sql = """
            WITH keys AS (SELECT c.id FROM conversations c WHERE \(condition)
                          ORDER BY \(Self.queueOrder) OFFSET \(parameters.bind(.int(offset))) LIMIT \(parameters.bind(.int(limit))))
            \(Self.rowSelect) WHERE c.id IN (SELECT id FROM keys) ORDER BY \(Self.queueOrder)
            """
        return try session.query(sql, parameters.values).map(Self.queueRow)
    }

    public func queuePosition(of id: Int64, _ query: QueueQuery) throws -> Int? {
        var parameters = SQLParameters()
        let condition = try Self.condition(for: query, &parameters)
        let due = "coalesce(c.sla_due, 9223372036854775807)"
        let idPlaceholder = parameters.bind(.int(id))
        guard let row = try session.query("SELECT \(due) AS due FROM conversations c WHERE c.id = \(idPlaceholder) AND \(condition)",
                                          parameters.values).first else { return nil }
        let position = try row.int("due")
        let p = parameters.bind(.int(position))
        // A row comparison, which the queue index answers as one range (an OR of two was a scan).
        return Int(try session.query("SELECT count(*) AS n FROM conversations c WHERE \(condition) AND (\(due), c.id) < (\(p), \(idPlaceholder))",
                                     parameters.values).first?.int("n") ?? 0)
    }

    public func queueSize(_ query: QueueQuery) throws -> Int {
        var parameters = SQLParameters()
        let condition = try Self.condition(for: query, &parameters)
        return Int(try session.query("SELECT count(*) AS n FROM conversations c WHERE \(condition)", parameters.values).first?.int("n") ?? 0)
    }

    public func openConversationIDs(limit: Int) throws -> [Int64] {
        try session.query("SELECT id FROM conversations WHERE is_open ORDER BY id DESC LIMIT $1", [.int(limit)]).map { try $0.int("id") }
    }

    public func conversation(_ id: Int64) throws -> ConversationDetail {
        guard let row = try session.query("\(Self.rowSelect) WHERE c.id = $1", [.int(id)]).first else {
            throw StoreError.notFound(conversation: id)
        }
        let messages = try session.query("""
            SELECT * FROM (SELECT * FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 2000) m
            ORDER BY created_at, id
            """, [.int(id)]).map { row in
            Message(id: try row.int("id"), authorKind: AuthorKind(rawValue: try row.text("author_kind")) ?? .system,
                    authorName: try row.text("author_name"), authorID: try row.textOrNil("author_id"), body: try row.text("body"),
                    createdAt: try row.date("created_at"), state: MessageState(rawValue: try row.text("state")) ?? .received,
                    editedAt: try row.dateOrNil("edited_at"), deletedAt: try row.dateOrNil("deleted_at"), sentAt: try row.dateOrNil("sent_at"))
        }
        let events = try session.query("SELECT * FROM events WHERE conversation_id = $1 ORDER BY at, id", [.int(id)]).map(Self.auditEvent)
        let collaborators = try session.query("SELECT engineer_id FROM collaborators WHERE conversation_id = $1 ORDER BY added_at, engineer_id",
                                              [.int(id)]).map { try $0.text("engineer_id") }
        let tags = try session.query("SELECT tag FROM tags WHERE conversation_id = $1 ORDER BY tag", [.int(id)]).map { try $0.text("tag") }
        var detail = ConversationDetail(row: try Self.queueRow(row), messages: messages, events: events, collaborators: collaborators, tags: tags)
        let tierID = try row.text("tier_id")
        if let policy = try? slaPolicy(tierID: tierID, customerID: try row.textOrNil("customer_id")) {
            detail.sla = SLAExplanation.make(conversation: id, tier: tierID, policy: policy, clock: try Self.clock(row))
        }
        return detail
    }

    static func auditEvent(_ row: PostgresRandomAccessRow) throws -> AuditEvent {
        AuditEvent(id: try row.int("id"), at: try row.date("at"), actor: try row.text("actor"), kind: try row.text("kind"),
                   conversationID: try row.intOrNil("conversation_id"), detail: try row.text("detail"))
    }

    /// The WHERE clause for a queue query, term for term as the SQLite store's, so a filter
    /// finds the same rows: ILIKE for SQLite's (ASCII case-blind) LIKE, and full-text search
    /// with the `simple` configuration and prefix terms for FTS5's prefix match.
    static func condition(for query: QueueQuery, _ p: inout SQLParameters) throws -> String {
        let text = query.filter.trimmingCharacters(in: .whitespaces)
        guard text.utf8.count <= FilterTooLong.maximumCharacters || text.count <= FilterTooLong.maximumCharacters else {
            throw FilterTooLong(characters: text.count)
        }
        var clauses: [String] = []
        let filter = QueueFilter(query.filter)
        if !query.includeClosed && !filter.includesClosed { clauses.append("c.is_open") }
        let now = PostgresSession.seconds(query.now ?? Date())
        let due = "coalesce(c.sla_due, 9223372036854775807)"
        for term in filter.terms {
            switch term {
            case .word(let word):
                clauses.append(wordCondition(word, &p))
            case .owner(let owner):
                clauses.append("c.owner_id = \(p.bind(.text(owner)))")
            case .customer(let customer):
                clauses.append("(c.customer_id = \(p.bind(.text(customer))) OR c.customer_name ILIKE \(p.bind(.text(likePattern(customer, anywhere: false)))))")
            case .tier(let tier):
                let pattern = p.bind(.text(likePattern(tier, anywhere: false)))
                clauses.append("(c.tier_id ILIKE \(pattern) OR c.tier_id IN (SELECT id FROM tiers WHERE short ILIKE \(pattern)))")
            case .tag(let tag):
                clauses.append("c.id IN (SELECT conversation_id FROM tags WHERE tag = \(p.bind(.text(tag))))")
            case .status(let status):
                clauses.append("c.status = \(p.bind(.text(status.rawValue)))")
            case .unowned:
                clauses.append("c.owner_id IS NULL")
            case .mine:
                clauses.append("c.owner_id = \(p.bind(.text(query.viewer)))")
            case .breaching:
                clauses.append("\(due) <= \(p.bind(.int(now)))")
            case .atRisk:
                clauses.append("\(due) <= \(p.bind(.int(now))) + coalesce((SELECT t.warn_before_s FROM tiers t WHERE t.id = c.tier_id), \(Tier.defaultWarnBefore))")
            case .open:
                clauses.append("c.is_open")
            case .closed:
                clauses.append("NOT c.is_open")
            }
        }
        return clauses.isEmpty ? "TRUE" : clauses.joined(separator: " AND ")
    }

    /// `%text%` (or `text%`) with LIKE's own characters escaped (PostgreSQL's escape is `\`).
    static func likePattern(_ text: String, anywhere: Bool = true) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return (anywhere ? "%" : "") + escaped + "%"
    }

    static func wordCondition(_ text: String, _ p: inout SQLParameters) -> String {
        let pattern = p.bind(.text(likePattern(text)))
        var alternatives = [
            "c.subject ILIKE \(pattern)",
            "c.customer_name ILIKE \(pattern)",
            "coalesce(c.owner_id, '') ILIKE \(pattern)",
            "c.id IN (SELECT conversation_id FROM tags WHERE tag ILIKE \(pattern))",
        ]
        let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), let id = Int64(digits) {
            alternatives.append("c.id = \(p.bind(.int(id)))")
        }
        if text.count >= 3 {
            alternatives.append("EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.author_name ILIKE \(pattern))")
        }
        if let match = tsQuery(text) {
            alternatives.append("c.id IN (SELECT m.conversation_id FROM messages m WHERE m.search @@ to_tsquery('simple', \(p.bind(.text(match)))))")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// Each word as a quoted prefix term (`'word':*`), so nothing typed is tsquery syntax.
    static func tsQuery(_ text: String) -> String? {
        guard text.count >= 3 else { return nil }
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(32)
            .map { "'" + $0.lowercased().replacingOccurrences(of: "'", with: "''") + "':*" }
        return words.isEmpty ? nil : words.joined(separator: " & ")
    }

    static func queueRow(_ row: PostgresRandomAccessRow) throws -> QueueRow {
        var queueRow = QueueRow(
            id: try row.int("id"), subject: try row.text("subject"),
            status: ConversationStatus(rawValue: try row.text("status")) ?? .open,
            source: Source(rawValue: try row.text("source")) ?? .email,
            customerID: try row.textOrNil("customer_id"), customerName: try row.text("customer_name"),
            tierID: try row.text("tier_id"), tierShort: try row.text("tier_short"), ownerID: try row.textOrNil("owner_id"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), slaDue: try row.dateOrNil("sla_due"),
            messageCount: Int(try row.int("message_count")), version: Int(try row.int("version")),
            ownerVia: try row.textOrNil("owner_via").flatMap(OwnerBasis.init(rawValue:)),
            collaborators: try row.textOrNil("collaborators").map { $0.split(separator: ",").map(String.init).sorted() } ?? [])
        queueRow.warnBefore = try row.intOrNil("tier_warn_before_s") ?? Tier.defaultWarnBefore
        let pauseOnHold = try row["tier_pause_on_hold"].decode(Bool?.self) ?? true
        queueRow.slaPaused = queueRow.status == .pending || (queueRow.status == .onHold && pauseOnHold)
        return queueRow
    }

    /// A conversation's clock from its row.
    static func clock(_ row: PostgresRandomAccessRow) throws -> ConversationClock {
        ConversationClock(status: ConversationStatus(rawValue: try row.text("status")) ?? .open, createdAt: try row.date("created_at"),
                          firstResponseAt: try row.dateOrNil("first_response_at"), awaitingSince: try row.dateOrNil("awaiting_since"),
                          firstCustomerAt: try row.dateOrNil("first_customer_at"), pauses: SLAPause.decode(try row.textOrNil("sla_pauses") ?? ""))
    }
}
