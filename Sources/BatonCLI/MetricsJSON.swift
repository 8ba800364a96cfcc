import BatonCore
import Foundation

/// `baton metrics --json`, the stable shape scripts read (issue 14):
/// `{"from", "to", "by", "groups": [{"key", "opened", "solved", "reopened", "customer_messages",
/// "first_response": {"count", "p50_s", "p90_s", "business_p50_s", "business_p90_s"},
/// "next_response": {...}, "resolution": {"count", "p50_s", "p90_s"},
/// "sla": {"first_met", "first_due", "next_met", "next_due"}, "touches": {"p50", "p90", "max"},
/// "people": [...], "owner_changes": {"handoffs", "reassignments", "bounces"},
/// "nps": {"score", "promoters", "passives", "detractors", "internal_excluded"}}]}`.
/// Times are seconds, instants RFC 3339 in UTC; a figure with nothing to count is null.
struct MetricsJSON: Encodable {
    var report: MetricsReport

    enum Keys: String, CodingKey { case from, to, by, groups }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(MetricsJSON.instant(report.period.from), forKey: .from)
        try container.encode(MetricsJSON.instant(report.period.to), forKey: .to)
        try container.encode(report.grouping.rawValue, forKey: .by)
        try container.encode(report.groups.map(Group.init), forKey: .groups)
    }

    static func instant(_ seconds: Int64) -> String { CalendarText.rfc3339(Date(timeIntervalSince1970: TimeInterval(seconds))) }

    struct Group: Encodable {
        var group: MetricsGroup
        init(_ group: MetricsGroup) { self.group = group }

        enum Keys: String, CodingKey {
            case key, opened, solved, reopened, customer_messages, first_response, next_response, resolution, sla, touches, people, owner_changes, nps
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(group.key, forKey: .key)
            try c.encode(group.opened, forKey: .opened)
            try c.encode(group.solved, forKey: .solved)
            try c.encode(group.reopened, forKey: .reopened)
            try c.encode(group.customerMessages, forKey: .customer_messages)
            try c.encode(Durations(durations: group.firstResponse, business: true), forKey: .first_response)
            try c.encode(Durations(durations: group.nextResponse, business: true), forKey: .next_response)
            try c.encode(Durations(durations: group.resolution, business: false), forKey: .resolution)
            try c.encode(["first_met": group.sla.firstMet, "first_due": group.sla.firstDue, "next_met": group.sla.nextMet, "next_due": group.sla.nextDue], forKey: .sla)
            try c.encode(["p50": group.touches.p50, "p90": group.touches.p90, "max": group.touches.max], forKey: .touches)
            try c.encode(group.people, forKey: .people)
            try c.encode(["handoffs": group.ownerChanges.handoffs, "reassignments": group.ownerChanges.reassignments, "bounces": group.ownerChanges.bounces],
                         forKey: .owner_changes)
            try c.encode(["score": group.nps.score, "promoters": group.nps.promoters, "passives": group.nps.passives, "detractors": group.nps.detractors,
                          "internal_excluded": group.nps.internalExcluded], forKey: .nps)
        }
    }

    struct Durations: Encodable {
        var durations: MetricsDurations
        var business: Bool
        enum Keys: String, CodingKey { case count, p50_s, p90_s, business_p50_s, business_p90_s }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(durations.count, forKey: .count)
            try c.encode(durations.p50, forKey: .p50_s)
            try c.encode(durations.p90, forKey: .p90_s)
            if business {
                try c.encode(durations.businessP50, forKey: .business_p50_s)
                try c.encode(durations.businessP90, forKey: .business_p90_s)
            }
        }
    }
}

/// `baton metrics --breaches --json`: `{"from", "to", "breaches": [{"conversation", "group",
/// "tier", "customer", "response" ("first" or "next"), "waiting_since", "due", "answered_at"
/// (null: never answered), "late_s" (seconds from the deadline to the answer; null: never answered)}]}`.
struct MetricsBreachesJSON: Encodable {
    var report: MetricsReport

    enum Keys: String, CodingKey { case from, to, breaches }
    enum BreachKeys: String, CodingKey { case conversation, group, tier, customer, response, waiting_since, due, answered_at, late_s }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(MetricsJSON.instant(report.period.from), forKey: .from)
        try container.encode(MetricsJSON.instant(report.period.to), forKey: .to)
        var list = container.nestedUnkeyedContainer(forKey: .breaches)
        for breach in report.breaches {
            var item = list.nestedContainer(keyedBy: BreachKeys.self)
            try item.encode(breach.conversationID, forKey: .conversation)
            try item.encode(breach.group, forKey: .group)
            try item.encode(breach.tierID, forKey: .tier)
            try item.encode(breach.customerName, forKey: .customer)
            try item.encode(breach.kind.rawValue, forKey: .response)
            try item.encode(MetricsJSON.instant(breach.waitingSince), forKey: .waiting_since)
            try item.encode(MetricsJSON.instant(breach.due), forKey: .due)
            try item.encode(breach.answeredAt.map(MetricsJSON.instant), forKey: .answered_at)
            try item.encode(breach.answeredAt.map { $0 - breach.due }, forKey: .late_s)
        }
    }
}
