import Foundation

/// How a conversation's deadline came about: `baton sla explain` and the conversation
/// screen's SLA line. Instants are UTC; `calendarZone` is where the calendar counts.
public struct SLAExplanation: Equatable, Sendable {
    /// One target and how its deadline was reached.
    public struct Part: Equatable, Sendable {
        /// "first_response", "next_response" or "resolution".
        public var target: String
        /// The target, in seconds of open time.
        public var seconds: Int64
        /// The customer's message the clock counts from.
        public var clockStarted: Date
        /// The first open, unpaused instant at or after `clockStarted`: when counting began.
        public var countingFrom: Date?
        /// The deadline; nil while the clock stands still or when the calendar never opens.
        public var deadline: Date?
        /// Closed calendar stretches skipped between the start and the deadline (at most 50).
        public var closed: [Stretch]
        /// Holidays (local dates in the calendar's zone) between the start and the deadline.
        public var holidays: [LocalDate]
        /// Pauses that did not count ("pending", "on_hold", "done"; `end` nil while it lasts).
        public var pauses: [Pause]
    }

    public struct Stretch: Equatable, Sendable {
        public var start: Date
        public var end: Date
    }

    public struct Pause: Equatable, Sendable {
        public var kind: String
        public var start: Date
        public var end: Date?
    }

    public var conversation: Int64
    public var tier: String
    /// "24x7" or the calendar's id (`business:ZONE` for hours = "business").
    public var calendar: String
    public var calendarZone: TimeZone
    public var status: ConversationStatus
    public var paused: Bool
    public var parts: [Part]
    /// The earliest deadline: what the queue sorts by.
    public var due: Date?

    /// Works the explanation out from the same inputs as `SLAClock.deadlines`.
    public static func make(conversation: Int64, tier: String, policy: SLAPolicy, clock: ConversationClock, now: Date? = nil) -> SLAExplanation {
        let counter = SLACalendarClock(policy.calendar)
        let deadlines = SLAClock.deadlines(policy: policy, clock: clock, counter: counter)
        let zone = policy.calendar?.zone ?? TimeZone(identifier: "UTC")!
        var parts: [Part] = []
        let runs = clock.status.isOpen
        func part(_ target: String, _ seconds: Int64, from start: Date, deadline: Date?) -> Part {
            let from = Int64(start.timeIntervalSince1970.rounded(.down))
            let skipped = policy.skipped(clock.pauses)
            let end = deadline.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
                ?? (now.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? from)
            let open = counter.openIntervals(from: from, to: max(end, from))
            var closed: [Stretch] = []
            var cursor = from
            for (a, b) in open {
                if a > cursor, closed.count < 50 { closed.append(Stretch(start: instant(cursor), end: instant(a))) }
                cursor = b
            }
            var holidays: [LocalDate] = []
            if let calendar = policy.calendar {
                let first = LocalDate(start, in: zone)
                let last = LocalDate(instant(end), in: zone)
                var day = first
                while day <= last && holidays.count < 50 {
                    if calendar.isHoliday(day) { holidays.append(day) }
                    day = day.adding(days: 1)
                }
            }
            let upper = instant(max(end, from))
            let pauses = clock.pauses.filter { pause in
                guard !(pause.kind == .onHold && !policy.pauseOnHold) else { return false }
                return (pause.end ?? .distantFuture) > start && pause.start < upper
            }.map { Pause(kind: $0.kind == .pending ? "pending" : $0.kind == .onHold ? "on_hold" : "done", start: $0.start, end: $0.end) }
            let countingFrom = counter.deadline(start: from, target: 1, pauses: skipped).map { instant($0 - 1) }
            return Part(target: target, seconds: seconds, clockStarted: start, countingFrom: countingFrom, deadline: deadline,
                        closed: closed, holidays: holidays, pauses: pauses)
        }
        if runs, let since = clock.awaitingSince {
            let first = clock.firstResponseAt == nil
            parts.append(part(first ? "first_response" : "next_response", first ? policy.firstResponse : policy.nextResponse,
                              from: since, deadline: deadlines.response))
        }
        if runs, let target = policy.resolution, let first = clock.firstCustomerAt {
            parts.append(part("resolution", target, from: first, deadline: deadlines.resolution))
        }
        return SLAExplanation(conversation: conversation, tier: tier, calendar: policy.calendar?.id ?? "24x7", calendarZone: zone,
                              status: clock.status, paused: deadlines.paused, parts: parts, due: deadlines.due)
    }

    private static func instant(_ value: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(value)) }

    /// The conversation screen's one line: "SLA next response 4h (berlin-business): due
    /// Mon 30 Nov 12:30 UTC+01:00, skipped 15h30m closed, 1 holiday, 2h paused". Times in the
    /// calendar's zone; plain text (no customer text in it).
    public var line: String {
        if paused { return "SLA paused (\(status.rawValue.replacingOccurrences(of: "_", with: " "))): no deadline runs" }
        guard let part = parts.min(by: { ($0.deadline ?? .distantFuture) < ($1.deadline ?? .distantFuture) }) else {
            return "SLA: nothing owed"
        }
        let name = part.target.replacingOccurrences(of: "_", with: " ")
        var text = "SLA \(name) \(DurationText.compact(part.seconds)) (\(calendar))"
        guard let deadline = part.deadline else { return text + ": the calendar never opens" }
        text += ": due " + Self.local(deadline, in: calendarZone)
        var skipped: [String] = []
        let closed = part.closed.reduce(Int64(0)) { $0 + Int64($1.end.timeIntervalSince($1.start)) }
        if closed > 0 { skipped.append(DurationText.compact(closed) + " closed") }
        if !part.holidays.isEmpty { skipped.append("\(part.holidays.count) holiday" + (part.holidays.count == 1 ? "" : "s")) }
        let paused = part.pauses.reduce(Int64(0)) { total, pause in
            guard let end = pause.end else { return total }
            return total + max(0, Int64(min(end, deadline).timeIntervalSince(max(pause.start, part.clockStarted))))
        }
        if paused > 0 { skipped.append(DurationText.compact(paused) + " paused") }
        if !skipped.isEmpty { text += ", skipped " + skipped.joined(separator: ", ") }
        return text
    }

    /// "Mon 30 Nov 12:30 UTC+01:00": an instant on a zone's wall clock and that zone's offset
    /// then (abbreviations such as CET are not available the same everywhere).
    public static func local(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        return CalendarText.dayAndTime(instant, in: zone) + String(format: " UTC%@%02d:%02d", sign, abs(offset) / 3_600, abs(offset) % 3_600 / 60)
    }
}
