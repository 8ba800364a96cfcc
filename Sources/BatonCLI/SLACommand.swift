import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton sla explain ID`: how a conversation's deadline came about.
struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Explain SLA deadlines.", subcommands: [Explain.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say how a conversation's deadline came about: the target, when the clock started, the closed hours, "
                + "holidays and pauses skipped, and the deadline in UTC, in the calendar's zone and in yours ($TZ).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let number = try ConversationNumber.parse(id)
                let now = Clock.now()
                let (row, explanation) = try ActionRun.mapped(number, context: context) { try context.store.slaExplanation(number, now: now) }
                if json {
                    print(try JSONOutput.encode(SLAExplanationJSON(explanation: explanation, row: row, now: now, viewer: .current)))
                } else {
                    print(SLAExplanationText.text(explanation, row: row, now: now, viewer: .current))
                }
            }
        }
    }
}

/// `sla explain` in words: every instant in UTC, the calendar's zone and the viewer's.
enum SLAExplanationText {
    static func text(_ explanation: SLAExplanation, row: QueueRow, now: Date, viewer: TimeZone) -> String {
        // UTC, then the calendar's wall clock (none around the clock), then the viewer's where it reads differently.
        let aroundTheClock = explanation.calendar == "24x7"
        func at(_ instant: Date) -> String {
            var text = CalendarText.rfc3339(instant)
            if !aroundTheClock { text += " · " + SLAExplanation.local(instant, in: explanation.calendarZone) }
            let shown = aroundTheClock ? 0 : explanation.calendarZone.secondsFromGMT(for: instant)
            if viewer.secondsFromGMT(for: instant) != shown { text += " · yours " + SLAExplanation.local(instant, in: viewer) }
            return text
        }
        let zoneName = explanation.calendar == "24x7" ? "around the clock" : "in \(explanation.calendarZone.identifier)"
        var lines = ["#\(row.id) \(ConversationText.safe(row.customerName)): tier \(explanation.tier), hours \(explanation.calendar) (\(zoneName)), \(row.status.rawValue)"]
        if explanation.paused { lines.append("The clock stands still while \(row.status.rawValue.replacingOccurrences(of: "_", with: " ")): no deadline runs.") }
        if explanation.parts.isEmpty && !explanation.paused { lines.append("Nothing is owed: the team spoke last, or the conversation is done.") }
        for part in explanation.parts {
            lines.append("")
            lines.append("\(part.target.replacingOccurrences(of: "_", with: " ")): \(DurationText.compact(part.seconds)) of open time")
            lines.append("  clock started  " + at(part.clockStarted))
            if let from = part.countingFrom, from != part.clockStarted { lines.append("  counting from  " + at(from) + " (closed until then)") }
            for stretch in part.closed {
                lines.append("  closed         " + SLAExplanation.local(stretch.start, in: explanation.calendarZone) + " → "
                             + SLAExplanation.local(stretch.end, in: explanation.calendarZone)
                             + " (" + DurationText.compact(Int64(stretch.end.timeIntervalSince(stretch.start))) + ")")
            }
            for holiday in part.holidays { lines.append("  holiday        \(holiday)") }
            for pause in part.pauses {
                let end = pause.end.map { SLAExplanation.local($0, in: explanation.calendarZone) } ?? "now"
                lines.append("  paused         \(pause.kind.replacingOccurrences(of: "_", with: " ")) " + SLAExplanation.local(pause.start, in: explanation.calendarZone) + " → " + end)
            }
            let none = explanation.paused ? "none while the clock stands still" : "none (the calendar never opens)"
            lines.append("  deadline       " + (part.deadline.map(at) ?? none))
        }
        if let due = explanation.due {
            let state = SLAState(due: due, warnBefore: row.warnBefore, now: now)
            lines.append("")
            lines.append("Due " + at(due) + " (\(state.rawValue.replacingOccurrences(of: "_", with: " "))"
                         + (due > now ? ", in \(DurationText.compact(Int64(due.timeIntervalSince(now)))))" : ")"))
        }
        return lines.joined(separator: "\n")
    }
}

/// `sla explain --json`. Instants are RFC 3339 in UTC; `*_calendar` and `*_viewer` give the
/// same instants on the calendar's and the viewer's wall clocks.
struct SLAExplanationJSON: Encodable {
    var explanation: SLAExplanation
    var row: QueueRow
    var now: Date
    var viewer: TimeZone

    enum Keys: String, CodingKey {
        case id, tier, hours, calendar_tz, viewer_tz, status, paused, due, due_calendar, due_viewer, sla_state, warn_before_s, targets
    }
    enum PartKeys: String, CodingKey {
        case target, seconds, clock_started, counting_from, deadline, deadline_calendar, deadline_viewer, closed, holidays, pauses
    }
    enum StretchKeys: String, CodingKey { case kind, start, end, seconds }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let zone = explanation.calendarZone
        func rfc(_ instant: Date?) -> String? { instant.map(CalendarText.rfc3339) }
        func local(_ instant: Date?, _ zone: TimeZone) -> String? { instant.map { SLAExplanation.local($0, in: zone) } }
        try container.encode(explanation.conversation, forKey: .id)
        try container.encode(explanation.tier, forKey: .tier)
        try container.encode(explanation.calendar, forKey: .hours)
        try container.encode(zone.identifier, forKey: .calendar_tz)
        try container.encode(viewer.identifier, forKey: .viewer_tz)
        try container.encode(explanation.status.rawValue, forKey: .status)
        try container.encode(explanation.paused, forKey: .paused)
        try container.encode(rfc(explanation.due), forKey: .due)
        try container.encode(local(explanation.due, zone), forKey: .due_calendar)
        try container.encode(local(explanation.due, viewer), forKey: .due_viewer)
        try container.encode(SLAState(due: explanation.due, warnBefore: row.warnBefore, now: now).rawValue, forKey: .sla_state)
        try container.encode(row.warnBefore, forKey: .warn_before_s)
        var targets = container.nestedUnkeyedContainer(forKey: .targets)
        for part in explanation.parts {
            var item = targets.nestedContainer(keyedBy: PartKeys.self)
            try item.encode(part.target, forKey: .target)
            try item.encode(part.seconds, forKey: .seconds)
            try item.encode(rfc(part.clockStarted), forKey: .clock_started)
            try item.encode(rfc(part.countingFrom), forKey: .counting_from)
            try item.encode(rfc(part.deadline), forKey: .deadline)
            try item.encode(local(part.deadline, zone), forKey: .deadline_calendar)
            try item.encode(local(part.deadline, viewer), forKey: .deadline_viewer)
            var closed = item.nestedUnkeyedContainer(forKey: .closed)
            for stretch in part.closed {
                var entry = closed.nestedContainer(keyedBy: StretchKeys.self)
                try entry.encode(rfc(stretch.start), forKey: .start)
                try entry.encode(rfc(stretch.end), forKey: .end)
                try entry.encode(Int64(stretch.end.timeIntervalSince(stretch.start)), forKey: .seconds)
            }
            try item.encode(part.holidays.map(\.description), forKey: .holidays)
            var pauses = item.nestedUnkeyedContainer(forKey: .pauses)
            for pause in part.pauses {
                var entry = pauses.nestedContainer(keyedBy: StretchKeys.self)
                try entry.encode(pause.kind, forKey: .kind)
                try entry.encode(rfc(pause.start), forKey: .start)
                try entry.encode(rfc(pause.end), forKey: .end)
            }
        }
    }
}
