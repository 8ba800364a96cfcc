import BatonCore
import Foundation

/// Issue 3's figures: a year of shifts for three regions with 50 overrides, and
/// `baton oncall` from process start to exit.
enum RotationBench {
    static func run(baton: String, configPath: String) {
        let regions = [
            Region(id: "europe", timeZone: TimeZone(identifier: "Europe/Berlin")!, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben", "chiara"]),
            Region(id: "us", timeZone: TimeZone(identifier: "America/New_York")!, takesPoint: LocalTime(hour: 9, minute: 0),
                   until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin", "frank"]),
            Region(id: "apac", timeZone: TimeZone(identifier: "Australia/Sydney")!, takesPoint: LocalTime(hour: 9, minute: 0),
                   days: [1, 2, 3, 4, 5], roster: ["gita", "hiro"]),
        ]
        let yearStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let yearEnd = yearStart.addingTimeInterval(365 * 86_400)
        var random = SeededRandom(seed: 2026)
        let people = regions.flatMap(\.roster)
        let overrides = (0..<50).map { index -> Override in
            let start = yearStart.addingTimeInterval(Double(random.next() % 360) * 86_400 + Double(random.next() % 24) * 3_600)
            let replaces = people[index % people.count]
            let cover = people.filter { $0 != replaces }[Int(random.next() % UInt64(people.count - 1))]
            return Override(engineer: cover, replaces: replaces, start: start, end: start.addingTimeInterval(Double(1 + random.next() % 72) * 3_600))
        }
        let rotation = Rotation(regions: regions, settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)), overrides: overrides)
        var count = 0
        var times: [Double] = []
        for _ in 0..<21 {
            times.append(seconds { count = rotation.shifts(from: yearStart, to: yearEnd).count } * 1_000)
        }
        print(String(format: "a year of shifts, 3 regions, 50 overrides (%d shifts), median of 21: %.2f ms", count, median(times)))

        let oncall = (0..<11).map { _ in timeProcess(baton, ["oncall", "--config", configPath]) }
        print(String(format: "baton oncall, process start to exit, median of 11: %.1f ms", median(oncall)))
    }
}
