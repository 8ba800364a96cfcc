import BatonCore
import Foundation

/// `baton metrics` in words: a block per group, then the people who touched anything and
/// each engineer's load. Durations as the screens write them ("1h12m"); names from
/// customers go through `TerminalText.line`.
enum MetricsText {
    static func report(_ report: MetricsReport) -> String {
        let zone = report.period.zone
        func day(_ seconds: Int64) -> String { LocalDate(Date(timeIntervalSince1970: TimeInterval(seconds)), in: zone).description }
        var lines = ["Conversations opened \(day(report.period.from)) to \(day(report.period.to - 1)) (\(zone.identifier)), by \(report.grouping.rawValue)"]
        for group in report.groups {
            lines.append("")
            lines.append("\(TerminalText.line(group.key)): \(group.opened) opened, \(group.solved) solved, \(group.reopened) reopened, "
                         + "\(group.customerMessages) customer messages")
            lines.append("  first response  " + durations(group.firstResponse, business: true))
            lines.append("  next response   " + durations(group.nextResponse, business: true))
            lines.append("  resolution      " + durations(group.resolution, business: false))
            lines.append("  SLA             first \(group.sla.firstMet)/\(group.sla.firstDue) met · next \(group.sla.nextMet)/\(group.sla.nextDue) met"
                         + (group.sla.attainment.map { String(format: " (%.0f%%)", $0 * 100) } ?? ""))
            let touches = [group.touches.p50, group.touches.p90, group.touches.max].map { $0.map(String.init) ?? "–" }
            lines.append("  touches         p50 \(touches[0]) · p90 \(touches[1]) · max \(touches[2]) · "
                         + (group.people.isEmpty ? "nobody" : "\(group.people.count): " + group.people.joined(separator: ", ")))
            let changes = group.ownerChanges
            lines.append("  owner changes   \(changes.handoffs) handoffs · \(changes.reassignments) reassignments · \(changes.bounces) bounces")
            lines.append("  NPS             " + nps(group.nps))
        }
        lines.append("")
        lines.append("People who touched conversations: \(report.people.count)" + (report.people.isEmpty ? "" : " (" + report.people.joined(separator: ", ") + ")"))
        if !report.load.isEmpty {
            lines.append("")
            lines.append("ENGINEER      OWNED  REPLIES  FIRST  FIRST p50")
            for load in report.load {
                lines.append(TerminalText.fit(load.engineer, to: 12) + "  " + TerminalText.fit(String(load.owned), to: 5, alignRight: true)
                             + "  " + TerminalText.fit(String(load.replies), to: 7, alignRight: true)
                             + "  " + TerminalText.fit(String(load.firstResponses), to: 5, alignRight: true)
                             + "  " + TerminalText.fit(load.firstResponseP50.map(DurationText.compact) ?? "–", to: 9, alignRight: true))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func durations(_ d: MetricsDurations, business: Bool) -> String {
        guard d.count > 0, let p50 = d.p50, let p90 = d.p90 else { return "none" }
        var text = "\(d.count) · p50 \(DurationText.compact(p50)) · p90 \(DurationText.compact(p90))"
        if business, let b50 = d.businessP50, let b90 = d.businessP90 {
            text += " · business hours p50 \(DurationText.compact(b50)) · p90 \(DurationText.compact(b90))"
        }
        return text
    }

    static func nps(_ nps: MetricsNPS) -> String {
        var text = nps.score.map { ($0 > 0 ? "+" : "") + String($0) } ?? "no answers"
        text += " (\(nps.promoters) promoters, \(nps.passives) passives, \(nps.detractors) detractors"
        if nps.internalExcluded > 0 { text += "; \(nps.internalExcluded) internal left out" }
        if nps.owingFollowUp > 0 { text += "; \(nps.followedUp) of \(nps.owingFollowUp) detractors followed up in time" }
        return text + ")"
    }

    /// `--breaches`: one line per response that missed its deadline, by deadline.
    static func breaches(_ report: MetricsReport) -> String {
        let zone = report.period.zone
        func at(_ seconds: Int64) -> String { CalendarText.dayAndTime(Date(timeIntervalSince1970: TimeInterval(seconds)), in: zone) }
        guard !report.breaches.isEmpty else { return "No breaches: every response that was due met its deadline." }
        var lines = ["     ID  RESPONSE  TIER        CUSTOMER              WAITING SINCE     DUE               ANSWERED"]
        for breach in report.breaches {
            let answered = breach.answeredAt.map { at($0) + " (" + DurationText.compact($0 - breach.due) + " late)" } ?? "not answered"
            lines.append(TerminalText.fit("#\(breach.conversationID)", to: 7, alignRight: true) + "  " + TerminalText.fit(breach.kind.rawValue, to: 8)
                         + "  " + TerminalText.fit(breach.tierID, to: 10) + "  " + TerminalText.fit(TerminalText.line(breach.customerName), to: 20)
                         + "  " + TerminalText.fit(at(breach.waitingSince), to: 16) + "  " + TerminalText.fit(at(breach.due), to: 16) + "  " + answered)
        }
        lines.append("")
        lines.append("\(report.breaches.count) breaches")
        return lines.joined(separator: "\n")
    }
}
