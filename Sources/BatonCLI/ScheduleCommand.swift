import ArgumentParser
import BatonCore
import Foundation

/// `baton schedule`: the shifts ahead, the gaps in them, and an iCalendar export.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "The rotation's shifts, gaps and calendar export.",
        subcommands: [Show.self, Gaps.self, Export.self], defaultSubcommand: Show.self)

    /// The interval every schedule view shares.
    struct Span: ParsableArguments {
        @Option(help: "The first day (YYYY-MM-DD, in your time zone), or an RFC 3339 instant; default: today.")
        var from: String?
        @Option(help: "How many days.") var days: Int = 7

        /// The config, the interval asked for, and the rotation with its overrides: what every view starts from.
        func load(_ options: GlobalOptions, now: Date) throws -> (Context, DateInterval, Rotation) {
            let context = try Context.load(options)
            let interval = try interval(now: now, zone: .current)
            return (context, interval, try context.store.rotationWithOverrides(context.team.rotation))
        }

        func interval(now: Date, zone: TimeZone) throws -> DateInterval {
            guard days > 0, days <= 3_660 else { throw Failure(description: "--days \(days): expected 1 to 3660", exitCode: 2) }
            var start = ZonedTime.instant(LocalDate(now, in: zone), LocalTime(hour: 0, minute: 0), in: zone)
            if let from {
                guard let parsed = InstantText.parse(from, in: zone) else {
                    throw Failure(description: "--from \"\(from)\": expected a date like 2026-11-23 or an instant like 2026-11-23T14:00:00Z", exitCode: 2)
                }
                start = parsed
            }
            let firstDay = LocalDate(start, in: zone)
            // Whole local days, so a DST week is still seven days long.
            let end = ZonedTime.instant(firstDay.adding(days: days), LocalTime(hour: 0, minute: 0), in: zone)
            return DateInterval(start: start, end: max(end, start.addingTimeInterval(1)))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "List the shifts (the default).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var span: Span
        @Flag(help: "Print a JSON array of {region, engineer, start, end, override}; instants in RFC 3339 UTC.") var json = false

        func run() throws {
            try reportingFailures {
                let (context, interval, rotation) = try span.load(options, now: Clock.now())
                let shifts = rotation.shifts(from: interval.start, to: interval.end)
                if json {
                    print(try JSONOutput.encode(shifts.map(ShiftJSON.init)))
                    return
                }
                print(ShiftText.header(viewerZone: .current))
                for shift in shifts { print(ShiftText.line(shift, region: context.team.region(shift.region), viewerZone: .current)) }
                for distance in RegionDistance.unusual(rotation.regions, from: interval.start, days: span.days) {
                    print("note: " + distance.sentence.replacingOccurrences(of: "this week", with: "in these days"))
                }
            }
        }
    }

    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the times nobody holds point; exits 1 when there are any, to guard a config change.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var span: Span
        @Flag(help: "Print a JSON array of {start, end, seconds}; instants in RFC 3339 UTC. The exit status is the same.") var json = false

        func run() throws {
            try reportingFailures {
                let (_, interval, rotation) = try span.load(options, now: Clock.now())
                // Whole gaps: one open when the span starts is shown from when it began.
                let gaps = rotation.wholeGaps(from: interval.start, to: interval.end)
                if json {
                    print(try JSONOutput.encode(gaps.map(GapJSON.init)))
                    if !gaps.isEmpty { throw ExitCode(1) }
                    return
                }
                for gap in gaps { print(ShiftText.gap(gap, viewerZone: .current)) }
                if !gaps.isEmpty { throw ExitCode(1) }
                print("no gaps: someone holds point all the time in these \(span.days) days")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the shifts as an iCalendar (RFC 5545) file.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var span: Span
        @Flag(help: "iCalendar output (the only format).") var ics = false

        func run() throws {
            try reportingFailures {
                guard ics else { throw Failure(description: "say which format: --ics", exitCode: 2) }
                let now = Clock.now()
                let (context, interval, rotation) = try span.load(options, now: now)
                let team = context.team
                let calendar = ICalendar.export(rotation.shifts(from: interval.start, to: interval.end), stamp: now,
                                                engineerName: { team.engineer($0)?.name ?? $0 }, regionName: { team.region($0)?.name ?? $0 })
                FileHandle.standardOutput.write(Data(calendar.utf8))
            }
        }
    }
}

/// A gap in `schedule gaps --json`.
struct GapJSON: Encodable {
    var gap: DateInterval
    enum Keys: String, CodingKey { case start, end, seconds }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(CalendarText.rfc3339(gap.start), forKey: .start)
        try container.encode(CalendarText.rfc3339(gap.end), forKey: .end)
        try container.encode(Int64(gap.duration), forKey: .seconds)
    }
}
