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
        var data = try read { db in try metricsConversations(db, from: from, to: to) }
        // A store in memory has no second connection to the same rows.
        if data.conversations.count >= max(2, splitFrom), FileManager.default.fileExists(atPath: path) {
            let split = data.conversations[data.conversations.count / 2].id
            let other = try SQLiteStore(path: path)
            let theirs = MetricsRowsBox()
            let done = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: done) {
                theirs.result = Result { try other.read { db in try other.metricsRows(db, from: from, to: to, ids: split..<Int64.max) } }
            }
            let mine = try read { db in try metricsRows(db, from: from, to: to, ids: Int64.min..<split) }
            done.wait()
            let second = try theirs.result!.get()
            // Ids below the split, then from it: the order one read gives.
            data.messages = mine.messages + second.messages
            data.events = mine.events + second.events
        } else {
            let rows = try read { db in try metricsRows(db, from: from, to: to, ids: Int64.min..<Int64.max) }
            data.messages = rows.messages
            data.events = rows.events
        }
        data.nps = try read { db in try metricsNPS(db, from: from, to: to) }
        return data
    }

    static let inPeriod = "c.created_at >= ? AND c.created_at < ? AND c.merged_into IS NULL"

    /// The conversations opened in [from, to), by id, and the SLA policy of each tier and customer among them.
    func metricsConversations(_ db: Database, from: Int64, to: Int64) throws -> MetricsData {
        var data = MetricsData()
        let conversations = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.created_at, c.tier_id, c.customer_id, c.customer_name, c.owner_id, c.status, c.sla_pauses, c.source
            FROM conversations c WHERE \(Self.inPeriod) ORDER BY c.id
            """, arguments: [from, to])
        var pairs: Set<String> = []
        var pairList: [(String, String?)] = []
        while let row = try conversations.next() {
            let conversation = MetricsConversation(
                id: row[0], createdAt: row[1], tierID: row[2], customerID: row[3], customerName: row[4], ownerID: row[5],
                status: ConversationStatus(rawValue: row[6]) ?? .open, source: Source(rawValue: row[8]) ?? .email, pauses: SLAPause.decode(row[7]))
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

    /// The messages and events of the conversations opened in [from, to) whose ids are in `ids`, by conversation then time.
    func metricsRows(_ db: Database, from: Int64, to: Int64, ids: Range<Int64>) throws -> (messages: [MetricsMessage], events: [MetricsEvent]) {
        // Ordered by c.id (the same order: the join's key), so SQLite walks the period's
        // conversations and seeks each one's rows, not every message in the store.
        let condition = "\(Self.inPeriod) AND c.id >= ? AND c.id < ?"
        let arguments: StatementArguments = [from, to, ids.lowerBound, ids.upperBound]
        let messages = try metricsMessages(db, where: condition, arguments: arguments)
        var events: [MetricsEvent] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.conversation_id, e.at, e.actor, e.kind, e.owner_from, e.owner_to
            FROM conversations c JOIN events e ON e.conversation_id = c.id
            WHERE \(condition) AND (e.kind IN (\(Touches.kinds.sorted().map { "'\($0)'" }.joined(separator: ", ")))
                                    OR e.owner_from IS NOT NULL OR e.owner_to IS NOT NULL)
            ORDER BY c.id, e.at, e.id
            """, arguments: arguments)
        while let row = try rows.next() {
            events.append(MetricsEvent(conversationID: row[0], at: row[1], actor: row[2], kind: row[3], ownerFrom: row[4], ownerTo: row[5]))
        }
        return (messages, events)
    }

    /// Customer and team messages (bots and the system never count) of the conversations
    /// `condition` picks from `conversations c`, with the outbox's sent instant.
    func metricsMessages(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [MetricsMessage] {
        var result: [MetricsMessage] = []
        // The state is read only when it is not 'received' (most are), and the author only
        // for team messages: a million strings fewer to make. The outbox is looked up only for
        // a sent reply, the one state whose answer counts from its sent instant
        // (`MetricsMessage.answeredAt`): not a million lookups for messages that came in. The rows are stepped with
        // SQLite's own calls (GRDB's statement, its arguments, this database's thread): a
        // million rows through Row cost as much as the whole fold.
        let statement = try db.makeStatement(sql: """
            SELECT m.conversation_id, m.author_kind = 'customer', CASE WHEN m.author_kind = 'team' THEN m.author_id END,
                CASE WHEN m.state <> 'received' THEN m.state END, m.created_at,
                CASE WHEN m.state = 'sent' THEN (SELECT o.sent_at FROM outbox o WHERE o.message_id = m.id) END
            FROM conversations c JOIN messages m ON m.conversation_id = c.id
            WHERE \(condition) AND (m.author_kind = 'customer' OR m.author_kind = 'team')
            ORDER BY c.id, m.created_at, m.id
            """)
        try statement.setArguments(arguments)
        let sqlite = statement.sqliteStatement
        defer { sqlite3_reset(sqlite) }
        var known: [String] = []
        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(sqlite, column) != SQLITE_NULL, let bytes = sqlite3_column_text(sqlite, column) else { return nil }
            let count = Int(sqlite3_column_bytes(sqlite, column))
            // Few authors and states, many rows: one String each, shared.
            for candidate in known where candidate.utf8.count == count
                && candidate.utf8.withContiguousStorageIfAvailable({ count == 0 || memcmp($0.baseAddress!, bytes, count) == 0 }) == true {
                return candidate
            }
            let made = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
            if known.count < 64 { known.append(made) }
            return made
        }
        while true {
            let code = sqlite3_step(sqlite)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
            let state = text(3).flatMap(MessageState.init(rawValue:)) ?? .received
            result.append(MetricsMessage(conversationID: sqlite3_column_int64(sqlite, 0), authorKind: sqlite3_column_int64(sqlite, 1) != 0 ? .customer : .team,
                                         authorID: text(2), state: state, createdAt: sqlite3_column_int64(sqlite, 4),
                                         sentAt: sqlite3_column_type(sqlite, 5) == SQLITE_NULL ? nil : sqlite3_column_int64(sqlite, 5)))
        }
        return result
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
        let messages = try metricsMessages(db, where: """
            c.id IN (SELECT conversation_id FROM nps_answers WHERE answered_at >= ? AND answered_at < ? AND conversation_id IS NOT NULL)
            """, arguments: [from, to])
        var first: [Int64: Int64] = [:]
        for message in messages {
            guard let at = message.answeredAt else { continue }
            first[message.conversationID] = min(first[message.conversationID] ?? at, at)
        }
        for index in answers.indices {
            if let id = answers[index].conversationID { answers[index].firstAnsweredAt = first[id] }
        }
        return answers
    }
}

/// The second half's rows, handed from its thread once the group is done.
final class MetricsRowsBox: @unchecked Sendable {
    var result: Result<(messages: [MetricsMessage], events: [MetricsEvent]), Error>?
}
