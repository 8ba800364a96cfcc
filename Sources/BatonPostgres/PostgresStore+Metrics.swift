import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// The rows the metrics are computed from (issue 14), read as `SQLiteStore+Metrics` reads
/// them, so `Metrics.report` gives the same figures on both backends for the same store:
/// the conversations opened in [from, to) (UTC seconds) and not merged into another, their
/// customer and team messages and their audit events (touches and owner changes) in one
/// query each, by conversation then time, the NPS answers given then, and the SLA policy of
/// each tier and customer among them. No query per conversation.
extension PostgresStore: MetricsStore {
    public func metricsData(from: Int64, to: Int64) throws -> MetricsData {
        var data = MetricsData()
        let inPeriod = "c.created_at >= $1 AND c.created_at < $2 AND c.merged_into IS NULL"
        let period: [SQLValue] = [.int(from), .int(to)]
        var pairs: Set<String> = []
        var pairList: [(String, String?)] = []
        for row in try session.query("""
            SELECT c.id, c.created_at, c.tier_id, c.customer_id, c.customer_name, c.owner_id, c.status, c.sla_pauses, c.source
            FROM conversations c WHERE \(inPeriod) ORDER BY c.id
            """, period) {
            let conversation = MetricsConversation(
                id: try row.int("id"), createdAt: try row.int("created_at"), tierID: try row.text("tier_id"), customerID: try row.textOrNil("customer_id"),
                customerName: try row.text("customer_name"), ownerID: try row.textOrNil("owner_id"),
                status: ConversationStatus(rawValue: try row.text("status")) ?? .open, source: Source(rawValue: try row.text("source")) ?? .email,
                pauses: SLAPause.decode(try row.text("sla_pauses")))
            data.conversations.append(conversation)
            if pairs.insert(MetricsData.policyKey(tier: conversation.tierID, customer: conversation.customerID)).inserted {
                pairList.append((conversation.tierID, conversation.customerID))
            }
        }
        for (tier, customer) in pairList {
            // A tier no longer in the config counts no SLA rather than failing the report.
            data.policies[MetricsData.policyKey(tier: tier, customer: customer)] = try? slaPolicy(tierID: tier, customerID: customer)
        }
        data.messages = try metricsMessages(where: inPeriod, period)
        data.events = try session.query("""
            SELECT e.conversation_id, e.at, e.actor, e.kind, e.owner_from, e.owner_to
            FROM conversations c JOIN events e ON e.conversation_id = c.id
            WHERE \(inPeriod) AND (e.kind IN (\(Touches.kinds.sorted().map { "'\($0)'" }.joined(separator: ", ")))
                                   OR e.owner_from IS NOT NULL OR e.owner_to IS NOT NULL)
            ORDER BY c.id, e.at, e.id
            """, period).map { row in
            MetricsEvent(conversationID: try row.int("conversation_id"), at: try row.int("at"), actor: try row.text("actor"), kind: try row.text("kind"),
                         ownerFrom: try row.textOrNil("owner_from"), ownerTo: try row.textOrNil("owner_to"))
        }
        data.nps = try metricsNPS(from: from, to: to)
        return data
    }

    /// Another connection to the same database, for work off the screen's loop.
    /// Connects on first use: only when the metrics screen is opened.
    public func reopenMetrics() throws -> MetricsStore { try PostgresStore(reopening: self, lazily: true) }

    /// Customer and team messages (bots and the system never count) of the conversations
    /// `condition` picks from `conversations c`, with the outbox's sent instant for a sent reply.
    private func metricsMessages(where condition: String, _ values: [SQLValue]) throws -> [MetricsMessage] {
        try session.query("""
            SELECT m.conversation_id, m.author_kind, CASE WHEN m.author_kind = 'team' THEN m.author_id END AS author_id, m.state, m.created_at,
                CASE WHEN m.state = 'sent' THEN (SELECT o.sent_at FROM outbox o WHERE o.message_id = m.id) END AS sent_at
            FROM conversations c JOIN messages m ON m.conversation_id = c.id
            WHERE \(condition) AND m.author_kind IN ('customer', 'team')
            ORDER BY c.id, m.created_at, m.id
            """, values).map { row in
            MetricsMessage(conversationID: try row.int("conversation_id"), authorKind: try row.text("author_kind") == "customer" ? .customer : .team,
                           authorID: try row.textOrNil("author_id"), state: MessageState(rawValue: try row.text("state")) ?? .received,
                           createdAt: try row.int("created_at"), sentAt: try row.intOrNil("sent_at"))
        }
    }

    /// The NPS answers given in [from, to), each with the conversation a detractor's comment
    /// opened: when it was received, its owner, and its first answer.
    private func metricsNPS(from: Int64, to: Int64) throws -> [MetricsNPSAnswer] {
        var answers = try session.query("""
            SELECT n.answered_at, n.email, n.customer_id, n.internal, n.score, n.comment <> '' AS has_comment, n.conversation_id,
                c.created_at, c.owner_id
            FROM nps_answers n LEFT JOIN conversations c ON c.id = n.conversation_id
            WHERE n.answered_at >= $1 AND n.answered_at < $2 ORDER BY n.answered_at, n.id
            """, [.int(from), .int(to)]).map { row in
            MetricsNPSAnswer(answeredAt: try row.int("answered_at"), email: try row.text("email"), customerID: try row.textOrNil("customer_id"),
                             isInternal: try row.bool("internal"), score: Int(try row.int("score")), hasComment: try row.bool("has_comment"),
                             conversationID: try row.intOrNil("conversation_id"), conversationCreatedAt: try row.intOrNil("created_at"),
                             ownerID: try row.textOrNil("owner_id"))
        }
        let messages = try metricsMessages(where: """
            c.id IN (SELECT conversation_id FROM nps_answers WHERE answered_at >= $1 AND answered_at < $2 AND conversation_id IS NOT NULL)
            """, [.int(from), .int(to)])
        MetricsNPSAnswer.fillFirstAnswers(&answers, from: messages)
        return answers
    }
}
