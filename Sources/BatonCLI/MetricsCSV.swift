import BatonCore
import Foundation

/// `baton metrics --csv`: RFC 4180, CRLF line ends, one header row then one row per group,
/// columns named as in the JSON with nested names joined by a dot (`first_response.p50_s`).
/// A figure with nothing to count is an empty field; `people` is one field, ids joined by spaces.
/// Fields pass through `TerminalText.line`: a customer's name never puts a control character on a terminal.
enum MetricsCSV {
    static let columns = [
        "key", "opened", "solved", "reopened", "customer_messages",
        "first_response.count", "first_response.p50_s", "first_response.p90_s", "first_response.business_p50_s", "first_response.business_p90_s",
        "next_response.count", "next_response.p50_s", "next_response.p90_s", "next_response.business_p50_s", "next_response.business_p90_s",
        "resolution.count", "resolution.p50_s", "resolution.p90_s",
        "sla.first_met", "sla.first_due", "sla.next_met", "sla.next_due",
        "touches.p50", "touches.p90", "touches.max", "people",
        "owner_changes.handoffs", "owner_changes.reassignments", "owner_changes.bounces",
        "nps.score", "nps.promoters", "nps.passives", "nps.detractors", "nps.internal_excluded",
    ]

    static func groups(_ report: MetricsReport) -> String {
        var lines = [columns.map(field).joined(separator: ",")]
        for group in report.groups {
            func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
            let durations = { (d: MetricsDurations) in [text(d.count), text(d.p50), text(d.p90), text(d.businessP50), text(d.businessP90)] }
            let values: [String] = [group.key, text(group.opened), text(group.solved), text(group.reopened), text(group.customerMessages)]
                + durations(group.firstResponse) + durations(group.nextResponse)
                + [text(group.resolution.count), text(group.resolution.p50), text(group.resolution.p90)]
                + [text(group.sla.firstMet), text(group.sla.firstDue), text(group.sla.nextMet), text(group.sla.nextDue)]
                + [text(group.touches.p50), text(group.touches.p90), text(group.touches.max), group.people.joined(separator: " ")]
                + [text(group.ownerChanges.handoffs), text(group.ownerChanges.reassignments), text(group.ownerChanges.bounces)]
                + [text(group.nps.score), text(group.nps.promoters), text(group.nps.passives), text(group.nps.detractors), text(group.nps.internalExcluded)]
            lines.append(values.map(field).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    static func breaches(_ report: MetricsReport) -> String {
        var lines = [["conversation", "group", "tier", "customer", "response", "waiting_since", "due", "answered_at", "late_s"].joined(separator: ",")]
        for breach in report.breaches {
            lines.append([String(breach.conversationID), breach.group, breach.tierID, breach.customerName, breach.kind.rawValue,
                          MetricsJSON.instant(breach.waitingSince), MetricsJSON.instant(breach.due), breach.answeredAt.map(MetricsJSON.instant) ?? "",
                          breach.answeredAt.map { String($0 - breach.due) } ?? ""].map(field).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// One field, quoted when it holds a comma, a quote or a line break (RFC 4180 §2).
    static func field(_ value: String) -> String {
        let safe = TerminalText.line(value)
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
