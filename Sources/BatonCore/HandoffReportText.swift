import Foundation

/// The handoff report as lines of terminal-safe text, for `baton handoff report` and the
/// report screen alike. Headings are the lines that do not start with a space.
public enum HandoffReportText {
    public static func lines(_ report: HandoffReport, team: TeamConfig, now: Date, zone: TimeZone, width: Int = 100) -> [String] {
        let handoff = report.handoff
        func who(_ engineer: String?, _ region: String?) -> String {
            let name = engineer ?? "nobody"
            guard let region else { return name }
            return "\(name) (\(team.region(region)?.name ?? region))"
        }
        var lines = ["Handoff \(CalendarText.dayAndTime(handoff.boundary, in: zone)) \(zone.identifier): "
                     + "\(who(handoff.fromEngineer, handoff.fromRegion)) → \(who(handoff.toEngineer, handoff.toRegion))"]
        if handoff.ranAt.timeIntervalSince(handoff.boundary) >= 300 {
            lines.append("  (ran \(DurationText.compact(Int64(handoff.ranAt.timeIntervalSince(handoff.boundary)))) after the boundary, when a baton next checked)")
        }
        lines.append("")
        lines.append("Moved to \(handoff.toEngineer ?? "nobody"): \(report.transferred.count)")
        lines += report.transferred.map { row($0, now: now, width: width) }
        if !report.arrivedInGap.isEmpty {
            lines.append("")
            lines.append("Arrived while nobody held point, now \(handoff.toEngineer ?? "nobody")'s: \(report.arrivedInGap.count)")
            lines += report.arrivedInGap.map { row($0, now: now, width: width) }
        }
        lines.append("")
        lines.append("Breaching in the next \(DurationText.compact(Int64(HandoffReport.breachHorizon))) (theirs or unowned): \(report.breachingSoon.count)")
        lines += report.breachingSoon.map { row($0, now: now, width: width) }
        lines.append("")
        lines.append("Notes: \(report.notes.count)")
        for note in report.notes {
            lines.append("  \(note.author), \(CalendarText.dayAndTime(note.createdAt, in: zone)):")
            lines += TerminalText.wrap(note.body, width: max(10, width - 4)).map { "    " + $0 }
        }
        return lines
    }

    /// "  #123  -0:12  ENT   Acme          Router drops…   dave".
    static func row(_ row: QueueRow, now: Date, width: Int) -> String {
        let due = row.slaDue.map { DurationText.countdown(Int64($0.timeIntervalSince(now))) } ?? "·"
        let subjectWidth = max(10, width - 48)
        return "  " + TerminalText.fit("#\(row.id)", to: 7) + TerminalText.fit(due, to: 7, alignRight: true) + "  "
            + TerminalText.fit(row.tierShort, to: 5) + TerminalText.fit(row.customerName, to: 13) + " "
            + TerminalText.fit(row.subject, to: subjectWidth) + " " + TerminalText.fit(row.ownerID ?? "—", to: 9)
    }
}
