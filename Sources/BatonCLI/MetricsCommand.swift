import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton metrics`: response times, SLA attainment, touches, owner changes and NPS for the
/// conversations opened in a period, grouped; as text, JSON (`MetricsJSON`) or CSV
/// (`MetricsCSV`). docs/metrics.md defines every figure.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Response times, SLA attainment, touches, owner changes and NPS, by week, tier, customer, region or engineer.",
        discussion: """
            A conversation counts in the period in which it was opened. Default: the last 8 ISO weeks (Monday first), \
            this one included, by week. Dates and weeks are read in --tz (default: your zone, $TZ). \
            Percentiles are by nearest rank. See docs/metrics.md for what each figure counts.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The first day (YYYY-MM-DD, in --tz) or an RFC 3339 instant; default: 8 weeks before --to.") var from: String?
    @Option(help: "The last day, included (YYYY-MM-DD, in --tz), or an RFC 3339 instant, excluded; default: the end of this week.") var to: String?
    @Option(help: "The time zone of dates and weeks (an IANA name like Europe/Berlin); default: yours.") var tz: String?
    @Option(help: "Group by week, tier, customer, region (the owner's) or engineer (the owner).") var by: String = "week"
    @Flag(help: "List the responses that missed their deadline, and customers still waiting past it.") var breaches = false
    @Flag(help: "Print JSON: {from, to, by, groups: [...]}; times in seconds, instants RFC 3339 UTC.") var json = false
    @Flag(help: "Print CSV (RFC 4180): one row per group, the JSON names flattened (first_response.p50_s).") var csv = false

    func run() throws {
        try reportingFailures {
            let request = try MetricsRequest.parse(from: from, to: to, tz: tz, by: by, json: json, csv: csv, now: Clock.now())
            let context = try Context.load(options)
            // Read and folded on every core, a stretch of the period each.
            let report = try context.store.metricsReport(period: request.period, grouping: request.grouping, team: context.team,
                                                         now: Int64(Clock.now().timeIntervalSince1970.rounded(.down)))
            if breaches {
                if json { print(try JSONOutput.encode(MetricsBreachesJSON(report: report))) }
                else if csv { print(MetricsCSV.breaches(report), terminator: "") }
                else { print(MetricsText.breaches(report)) }
            } else if json {
                print(try JSONOutput.encode(MetricsJSON(report: report)))
            } else if csv {
                print(MetricsCSV.groups(report), terminator: "")
            } else {
                print(MetricsText.report(report))
            }
        }
    }
}

/// The command line read into a period and a grouping; each bad value is named with what was expected.
struct MetricsRequest {
    var period: MetricsPeriod
    var grouping: MetricsGrouping

    static func parse(from: String?, to: String?, tz: String?, by: String, json: Bool, csv: Bool, now: Date) throws -> MetricsRequest {
        if json && csv { throw Failure(description: "--json and --csv: choose one", exitCode: 2) }
        guard let grouping = MetricsGrouping(rawValue: by) else {
            throw Failure(description: "--by \"\(by)\": expected week, tier, customer, region or engineer", exitCode: 2)
        }
        var zone = TimeZone.current
        if let tz {
            guard let named = TimeZone(identifier: tz) else {
                throw Failure(description: "--tz \"\(tz)\": not a time zone; use an IANA name like Europe/Berlin or UTC", exitCode: 2)
            }
            zone = named
        }
        let weeks = MetricsPeriod.lastWeeks(8, now: now, zone: zone)
        func instant(_ text: String, option: String, endOfDay: Bool) throws -> Int64 {
            guard let parsed = InstantText.parse(text, in: zone) else {
                throw Failure(description: "\(option) \"\(text)\": expected a date like 2026-11-23 or an instant like 2026-11-23T14:00:00Z", exitCode: 2)
            }
            // A bare date as --to means that whole day.
            if endOfDay, text.trimmingCharacters(in: .whitespaces).count == 10, let date = LocalDate(parsing: text.trimmingCharacters(in: .whitespaces)) {
                return MetricsPeriod.midnight(date.adding(days: 1), zone)
            }
            return Int64(parsed.timeIntervalSince1970.rounded(.down))
        }
        let end = try to.map { try instant($0, option: "--to", endOfDay: true) } ?? weeks.to
        var start: Int64
        if let from {
            start = try instant(from, option: "--from", endOfDay: false)
        } else {
            let endDate = LocalDate(Date(timeIntervalSince1970: TimeInterval(end)), in: zone)
            start = MetricsPeriod.midnight(endDate.adding(days: -56), zone)
        }
        guard start < end else {
            throw Failure(description: "--from \(CalendarText.rfc3339(Date(timeIntervalSince1970: TimeInterval(start)))) is not before --to "
                          + CalendarText.rfc3339(Date(timeIntervalSince1970: TimeInterval(end))), exitCode: 2)
        }
        return MetricsRequest(period: MetricsPeriod(from: start, to: end, zone: zone), grouping: grouping)
    }
}
