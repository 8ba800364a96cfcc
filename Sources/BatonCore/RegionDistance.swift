import Foundation

/// How many hours apart two regions' clocks are, and whether a week differs from usual:
/// the weeks between the US and European daylight-saving changes bring them an hour closer.
public struct RegionDistance: Equatable, Sendable {
    public var first: String
    public var second: String
    /// Hours apart in the week asked about, where that differs from usual (at its first difference).
    public var hours: Double
    /// Hours apart for most of the year.
    public var usualHours: Double

    /// "Europe–US: 5 h apart this week, usually 6 h".
    public var sentence: String {
        "\(first)–\(second): \(Self.text(hours)) apart this week, usually \(Self.text(usualHours))"
    }

    static func text(_ hours: Double) -> String {
        hours == hours.rounded() ? "\(Int(hours)) h" : String(format: "%.1f h", hours)
    }

    /// The pairs of regions whose distance in [from, from + days) is not their usual one.
    public static func unusual(_ regions: [Region], from: Date, days: Int = 7) -> [RegionDistance] {
        var result: [RegionDistance] = []
        for (index, a) in regions.enumerated() {
            for b in regions[(index + 1)...] {
                let usual = usualHours(a.timeZone, b.timeZone, around: from)
                // Hourly samples catch every change of offset; zones change at most a few times a year.
                for hour in 0..<(days * 24) {
                    let instant = from.addingTimeInterval(Double(hour) * 3_600)
                    let hours = apart(a.timeZone, b.timeZone, at: instant)
                    // Unusual only between two changes: a distance that holds five weeks before or after is a
                    // season (Europe and Sydney are 10 h apart all southern summer, 8 h all northern), not a week.
                    if hours != usual, hours != apart(a.timeZone, b.timeZone, at: instant.addingTimeInterval(-35 * 86_400)),
                       hours != apart(a.timeZone, b.timeZone, at: instant.addingTimeInterval(35 * 86_400)) {
                        result.append(RegionDistance(first: a.name, second: b.name, hours: hours, usualHours: usual))
                        break
                    }
                }
            }
        }
        return result
    }

    static func apart(_ a: TimeZone, _ b: TimeZone, at instant: Date) -> Double {
        abs(Double(a.secondsFromGMT(for: instant) - b.secondsFromGMT(for: instant))) / 3_600
    }

    /// The distance that holds on most days of the year around `instant`.
    static func usualHours(_ a: TimeZone, _ b: TimeZone, around instant: Date) -> Double {
        var counts: [Double: Int] = [:]
        for day in stride(from: -182, to: 183, by: 1) {
            counts[apart(a, b, at: instant.addingTimeInterval(Double(day) * 86_400)), default: 0] += 1
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }
}
