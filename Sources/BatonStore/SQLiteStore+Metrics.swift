import BatonCore
import Foundation
import GRDB
import GRDBSQLite

/// The rows the metrics are computed from (`Metrics.report`), read with a few set-based
/// queries: the conversations opened in a period, their messages and events in one pass
/// each (by conversation, in time order; a large period in two halves of ids at once), the
/// NPS answers given in it, and the SLA policy of each tier and customer among them. No
/// query per conversation, so a quarter of 100,000 conversations and 1,000,000 messages
/// reads in one go. Each query reads its own snapshot, as the store's reads do.
extension SQLiteStore {
    /// Everything `Metrics.report` needs for conversations opened in [from, to) (UTC
    /// seconds) and NPS answers given then. Conversations merged into another are left out:
    /// their messages now count in the one they joined.
    public func metricsData(from: Int64, to: Int64) throws -> MetricsData {
        try metricsData(from: from, to: to, splitFrom: Self.metricsSplitFrom)
    }

    /// From this many conversations the messages and events are read in two halves of ids at
    /// once, the second on a connection of its own: stepping a million message rows is most
    /// of `baton metrics`, and the box has two cores.
    static let metricsSplitFrom = 20_000

    func metricsData(from: Int64, to: Int64, splitFrom: Int) throws -> MetricsData {
        try mapMetricsReads()
        var data = try read { db in try metricsConversations(db, from: from, to: to) }
        // A store in memory has no second connection to the same rows.
        if data.conversations.count >= max(2, splitFrom), FileManager.default.fileExists(atPath: path) {
            let half = data.conversations.count / 2
            let (firstHalf, secondHalf) = (data.conversations[..<half], data.conversations[half...])
            let other = try SQLiteStore(path: path)
            try other.mapMetricsReads()
            let theirs = MetricsRowsBox()
            let done = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: done) {
                theirs.result = Result { try other.read { db in try other.metricsRows(db, from: from, to: to, of: secondHalf) } }
            }
            let mine = try read { db in try metricsRows(db, from: from, to: to, of: firstHalf) }
            done.wait()
            let second = try theirs.result!.get()
            // Ids below the split, then from it: the order one read gives.
            data.messages = mine.messages + second.messages
            data.events = mine.events + second.events
        } else {
            let conversations = data.conversations[...]
            let rows = try read { db in try metricsRows(db, from: from, to: to, of: conversations) }
            data.messages = rows.messages
            data.events = rows.events
        }
        data.nps = try read { db in try metricsNPS(db, from: from, to: to) }
        return data
    }

    /// The part of a report (`Metrics.report(merging:)`) of the conversations opened in
    /// [from, to) and the NPS answers given then, folded as the rows are read: the messages
    /// are stepped and folded one conversation at a time, never held all at once (a
    /// quarter's million of them would be an array of 50 MB to fill, copy and free). The
    /// same figures as `Metrics.part` over `metricsData(from:to:)` (MetricsStorePartsTests).
    /// It folds on this thread as it steps the rows, whether `alone` or not.
    public func metricsPart(from: Int64, to: Int64, period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64,
                            alone: Bool) throws -> MetricsPart {
        try mapMetricsReads()
        let data = try read { db in try metricsConversations(db, from: from, to: to) }
        var folding = MetricsFolding(period: period, grouping: grouping, team: team, now: now, policies: data.policies)
        let conversations = data.conversations
        try read { db in
            let events = try metricsEvents(db, Self.metricsSource("events", from: from, to: to, of: conversations[...]))
            var e = 0
            var next = 0  // the next conversation to fold
            var buffer: [MetricsMessage] = []
            // Folds the conversations before `id` (and the one of `id` itself when `including`):
            // the first with the messages gathered for it, the others with none.
            func fold(before id: Int64, including: Bool) {
                while next < conversations.count && (conversations[next].id < id || (including && conversations[next].id == id)) {
                    let conversation = conversations[next]
                    while e < events.count && events[e].conversationID < conversation.id { e += 1 }
                    let start = e
                    while e < events.count && events[e].conversationID == conversation.id { e += 1 }
                    let mine = buffer.first?.conversationID == conversation.id ? buffer[...] : []
                    folding.add(conversation, messages: mine, events: events[start..<e])
                    buffer.removeAll(keepingCapacity: true)
                    next += 1
                }
            }
            try metricsMessages(db, Self.metricsSource("messages", from: from, to: to, of: conversations[...])) { message in
                if let last = buffer.last, last.conversationID != message.conversationID {
                    fold(before: message.conversationID, including: false)
                    buffer.removeAll(keepingCapacity: true)
                }
                buffer.append(message)
            }
            fold(before: Int64.max, including: true)
        }
        for answer in try read({ db in try metricsNPS(db, from: from, to: to) }) { folding.add(answer) }
        return folding.part
    }

    /// Maps the store into memory for the metrics' reads: SQLite then reads the index pages
    /// in place, instead of copying each of them through a system call into a cache of 4 MB.
    func mapMetricsReads() throws {
        try read { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
    }

    static let inPeriod = "c.created_at >= ? AND c.created_at < ? AND c.merged_into IS NULL"

    /// The conversations opened in [from, to), by id, and the SLA policy of each tier and customer among them.
    func metricsConversations(_ db: Database, from: Int64, to: Int64) throws -> MetricsData {
        var data = MetricsData()
        // By the index of when conversations were opened (migration 19): a week's read does
        // not walk the quarter. Stepped with SQLite's own calls, the few tiers, customers,
        // owners, statuses and sources made once each: the read is one thread's before the
        // messages' are shared out.
        // How many, and between which ids, from the index alone: most of the ids between
        // the first and last (a store whose ids follow time, a quarter) are read walking those
        // ids, in their order; a few scattered ones by the index, then sorted.
        let span = try Row.fetchOne(db, sql: "SELECT count(*), min(c.id), max(c.id) FROM conversations c WHERE \(Self.inPeriod)", arguments: [from, to])
        let (count, first, last): (Int64, Int64?, Int64?) = (span?[0] ?? 0, span?[1], span?[2])
        guard let first, let last else { return data }
        let dense = count * 4 >= last - first + 1
        let statement = try db.makeStatement(sql: """
            SELECT c.id, c.created_at, c.tier_id, c.customer_id, c.customer_name, c.owner_id, c.status, c.sla_pauses, c.source
            FROM conversations c
            WHERE \(dense ? "+c.created_at >= ? AND +c.created_at < ? AND c.merged_into IS NULL" : Self.inPeriod) AND c.id >= ? AND c.id <= ?
            ORDER BY c.id
            """)
        try statement.setArguments([from, to, first, last])
        var rows = MetricsRowStepper(statement, db)
        var pairs: Set<String> = []
        var pairList: [(String, String?)] = []
        var statuses: [String: ConversationStatus] = [:]
        var sources: [String: Source] = [:]
        while try rows.step() {
            let statusText = rows.text(6) ?? ""
            let status = statuses[statusText] ?? {
                let made = ConversationStatus(rawValue: statusText) ?? .open
                statuses[statusText] = made
                return made
            }()
            let sourceText = rows.text(8) ?? ""
            let source = sources[sourceText] ?? {
                let made = Source(rawValue: sourceText) ?? .email
                sources[sourceText] = made
                return made
            }()
            let conversation = MetricsConversation(
                id: rows.int64(0), createdAt: rows.int64(1), tierID: rows.text(2) ?? "", customerID: rows.text(3), customerName: rows.text(4) ?? "",
                ownerID: rows.text(5), status: status, source: source, pauses: rows.pauses(7))
            data.conversations.append(conversation)
            if pairs.insert(MetricsData.policyKey(tier: conversation.tierID, customer: conversation.customerID)).inserted {
                pairList.append((conversation.tierID, conversation.customerID))
            }
        }
        for (tier, customer) in pairList {
            // A tier no longer in the config counts no SLA rather than failing the report.
            data.policies[MetricsData.policyKey(tier: tier, customer: customer)] = try? slaPolicy(tierID: tier, customerID: customer, in: db)
        }
        return data
    }

    /// The messages and events of `conversations` (opened in [from, to), in id order), by conversation then time.
    func metricsRows(_ db: Database, from: Int64, to: Int64, of conversations: ArraySlice<MetricsConversation>) throws
        -> (messages: [MetricsMessage], events: [MetricsEvent]) {
        guard !conversations.isEmpty else { return ([], []) }
        let messages = try metricsMessages(db, Self.metricsSource("messages", from: from, to: to, of: conversations))
        return (messages, try metricsEvents(db, Self.metricsSource("events", from: from, to: to, of: conversations)))
    }

    /// Where a read finds the rows of a table (`messages`, `events`, as `x`) of `conversations`
    /// (opened in [from, to), in id order): a FROM ... WHERE clause, the conversation id its
    /// rows come in the order of, and its arguments. Each conversation's rows come from the
    /// thread or event index alone (migration 19), in the order asked for: no sort, no row
    /// with its body read. When the conversations are most of the ids between their first
    /// and last (a store whose ids follow time, or a quarter of this one), SQLite walks those
    /// conversations by id and seeks each one's rows; when they are few among many (a week
    /// of conversations imported out of order), it finds them by when they were opened and
    /// seeks theirs from that list.
    static func metricsSource(_ table: String, from: Int64, to: Int64, of conversations: ArraySlice<MetricsConversation>)
        -> (clause: String, key: String, arguments: StatementArguments) {
        let first = conversations.first?.id ?? 0, last = conversations.last?.id ?? -1
        let arguments: StatementArguments = [from, to, first, last]
        if Int64(conversations.count) * 4 >= last - first + 1 {
            return ("""
                conversations c JOIN \(table) x ON x.conversation_id = c.id
                WHERE +c.created_at >= ? AND +c.created_at < ? AND c.merged_into IS NULL AND c.id >= ? AND c.id <= ?
                """, "c.id", arguments)
        }
        return ("""
            \(table) x WHERE x.conversation_id IN (SELECT c.id FROM conversations c WHERE \(inPeriod) AND c.id >= ? AND c.id <= ?)
            """, "x.conversation_id", arguments)
    }

    /// The audit events of the kinds `Touches` and `OwnerChange` read, from `source`
    /// (`metricsSource`), by conversation then time.
    func metricsEvents(_ db: Database, _ source: (clause: String, key: String, arguments: StatementArguments)) throws -> [MetricsEvent] {
        var events: [MetricsEvent] = []
        let statement = try db.makeStatement(sql: """
            SELECT x.conversation_id, x.at, x.actor, x.kind, x.owner_from, x.owner_to
            FROM \(source.clause)
              AND (x.kind IN (\(Touches.kinds.sorted().map { "'\($0)'" }.joined(separator: ", "))) OR x.owner_from IS NOT NULL OR x.owner_to IS NOT NULL)
            ORDER BY \(source.key), x.at, x.id
            """)
        try statement.setArguments(source.arguments)
        var rows = MetricsRowStepper(statement, db)
        while try rows.step() {
            events.append(MetricsEvent(conversationID: rows.int64(0), at: rows.int64(1), actor: rows.text(2) ?? "", kind: rows.text(3) ?? "",
                                       ownerFrom: rows.text(4), ownerTo: rows.text(5)))
        }
        return events
    }

    /// Customer and team messages (bots and the system never count) from `source`
    /// (`metricsSource`), with the outbox's sent instant, by conversation then time.
    func metricsMessages(_ db: Database, _ source: (clause: String, key: String, arguments: StatementArguments)) throws -> [MetricsMessage] {
        var result: [MetricsMessage] = []
        try metricsMessages(db, source) { result.append($0) }
        return result
    }

    /// The same messages, each handed to `body` as it is read.
    func metricsMessages(_ db: Database, _ source: (clause: String, key: String, arguments: StatementArguments),
                         _ body: (MetricsMessage) -> Void) throws {
        // The columns as stored: the kind of author and the state are told apart here by
        // their bytes, which costs less than SQLite working out expressions on a million rows.
        // The outbox is looked up only for a sent reply, the one state whose answer counts
        // from its sent instant (`MetricsMessage.answeredAt`). The rows are stepped with
        // SQLite's own calls: a million rows through Row cost as much as the whole fold.
        let statement = try db.makeStatement(sql: """
            SELECT x.conversation_id, x.author_kind, x.author_id, x.state, x.created_at,
                CASE x.state WHEN 'sent' THEN (SELECT o.sent_at FROM outbox o WHERE o.message_id = x.id) END
            FROM \(source.clause)
            ORDER BY \(source.key), x.created_at, x.id
            """)
        try statement.setArguments(source.arguments)
        var rows = MetricsRowStepper(statement, db)
        var states: [String: MessageState] = [:]
        while try rows.step() {
            // The schema allows 'customer', 'team', 'bot' and 'system' (migration 1).
            let authorKind: AuthorKind
            switch rows.firstByte(1) {
            case UInt8(ascii: "c"): authorKind = .customer
            case UInt8(ascii: "t"): authorKind = .team
            default: continue
            }
            var state = MessageState.received
            if !rows.isText(3, "received"), let text = rows.text(3) {
                state = states[text] ?? MessageState(rawValue: text) ?? .received
                states[text] = state
            }
            body(MetricsMessage(conversationID: rows.int64(0), authorKind: authorKind, authorID: authorKind == .team ? rows.text(2) : nil,
                                state: state, createdAt: rows.int64(4), sentAt: rows.optionalInt64(5)))
        }
    }

    /// The NPS answers given in [from, to), each with the conversation a detractor's comment
    /// opened: when it was received, its owner, and its first answer (`MetricsMessage.answeredAt`).
    func metricsNPS(_ db: Database, from: Int64, to: Int64) throws -> [MetricsNPSAnswer] {
        var answers: [MetricsNPSAnswer] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT n.answered_at, n.email, n.customer_id, n.internal, n.score, n.comment <> '', n.conversation_id, c.created_at, c.owner_id
            FROM nps_answers n LEFT JOIN conversations c ON c.id = n.conversation_id
            WHERE n.answered_at >= ? AND n.answered_at < ? ORDER BY n.answered_at, n.id
            """, arguments: [from, to])
        while let row = try rows.next() {
            answers.append(MetricsNPSAnswer(answeredAt: row[0], email: row[1], customerID: row[2], isInternal: row[3], score: row[4], hasComment: row[5],
                                            conversationID: row[6], conversationCreatedAt: row[7], ownerID: row[8]))
        }
        let messages = try metricsMessages(db, ("""
            messages x WHERE x.conversation_id IN
                (SELECT conversation_id FROM nps_answers WHERE answered_at >= ? AND answered_at < ? AND conversation_id IS NOT NULL)
            """, "x.conversation_id", [from, to]))
        MetricsNPSAnswer.fillFirstAnswers(&answers, from: messages)
        return answers
    }
}

/// The second half's rows, handed from its thread once the group is done.
final class MetricsRowsBox: @unchecked Sendable {
    var result: Result<(messages: [MetricsMessage], events: [MetricsEvent]), Error>?
}

/// Steps a statement's rows with SQLite's own calls (GRDB's statement, its arguments, its
/// database's thread), for the metrics' hundreds of thousands of rows: texts that repeat
/// (tiers, owners, authors, states) are made into Strings once per column and shared.
struct MetricsRowStepper {
    let statement: Statement
    let sqlite: OpaquePointer
    let db: Database
    private var known: [[String]] = Array(repeating: [], count: 16)

    init(_ statement: Statement, _ db: Database) {
        self.statement = statement
        self.sqlite = statement.sqliteStatement
        self.db = db
    }

    /// The next row; false once there are none (the statement is then reset).
    mutating func step() throws -> Bool {
        let code = sqlite3_step(sqlite)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(sqlite)
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(sqlite, column) }

    /// The first byte of a text column, 0 for NULL or empty.
    func firstByte(_ column: Int32) -> UInt8 {
        guard let bytes = sqlite3_column_text(sqlite, column), sqlite3_column_bytes(sqlite, column) > 0 else { return 0 }
        return bytes[0]
    }

    /// Whether a text column holds `text` (ASCII), without making a String.
    func isText(_ column: Int32, _ text: StaticString) -> Bool {
        guard let bytes = sqlite3_column_text(sqlite, column), Int(sqlite3_column_bytes(sqlite, column)) == text.utf8CodeUnitCount else { return false }
        return memcmp(bytes, text.utf8Start, text.utf8CodeUnitCount) == 0
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(sqlite, column) == SQLITE_NULL ? nil : sqlite3_column_int64(sqlite, column)
    }

    mutating func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(sqlite, column) != SQLITE_NULL, let bytes = sqlite3_column_text(sqlite, column) else { return nil }
        let count = Int(sqlite3_column_bytes(sqlite, column))
        let slot = Int(column) % known.count
        for candidate in known[slot] where candidate.utf8.count == count
            && candidate.utf8.withContiguousStorageIfAvailable({ count == 0 || memcmp($0.baseAddress!, bytes, count) == 0 }) == true {
            return candidate
        }
        let made = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        if known[slot].count < 32 { known[slot].append(made) }
        return made
    }

    /// A conversation's `sla_pauses` (`SLAPause.encode`'s form) read from its bytes, without
    /// the Strings and splits `SLAPause.decode` makes; any text not in the plain form (which
    /// only `decode` knows how to skip) goes to `decode` itself, so both read the same pauses.
    func pauses(_ column: Int32) -> [SLAPause] {
        guard sqlite3_column_type(sqlite, column) != SQLITE_NULL, let bytes = sqlite3_column_text(sqlite, column) else { return [] }
        let count = Int(sqlite3_column_bytes(sqlite, column))
        var result: [SLAPause] = []
        var index = 0
        func number() -> Int64? {
            var value: Int64 = 0
            var digits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 18 {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits == 0 ? nil : value
        }
        while index < count {
            let kind: SLAPause.Kind
            switch bytes[index] {
            case UInt8(ascii: "p"): kind = .pending
            case UInt8(ascii: "h"): kind = .onHold
            case UInt8(ascii: "d"): kind = .done
            default: return SLAPause.decode(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
            }
            index += 1
            guard let start = number(), index < count, bytes[index] == UInt8(ascii: "-") else {
                return SLAPause.decode(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
            }
            index += 1
            let end = number()
            if index < count {
                guard bytes[index] == UInt8(ascii: ","), index + 1 < count else {
                    return SLAPause.decode(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
                }
                index += 1
            }
            result.append(SLAPause(kind: kind, start: Date(timeIntervalSince1970: TimeInterval(start)),
                                   end: end.map { Date(timeIntervalSince1970: TimeInterval($0)) }))
        }
        return result
    }
}
