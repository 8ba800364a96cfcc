import Foundation
import XCTest
@testable import BatonCore

/// Random configs (fixed seeds, so a failure reproduces) checked for what must hold of any
/// rotation: shifts are sorted, non-empty and disjoint; shifts and gaps tile the window;
/// holder(at:) agrees with the shift list; handoffs are exactly the changes of engineer;
/// nextHandoff agrees with handoffs. The rostered shifts are also checked against starts,
/// ends and engineers computed with Foundation's Calendar.
final class RotationPropertyTests: XCTestCase {
    static let zones = ["Europe/Berlin", "America/New_York", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata",
                        "Asia/Kathmandu", "America/St_Johns", "Pacific/Auckland", "Europe/London", "UTC"]
    static let names = ["ana", "ben", "chiara", "dave", "erin", "femi", "gus", "hana"]
    /// Includes 02:30 (in the spring gap of most of the zones) and 01:30 (in the autumn overlap of most).
    static let times: [(Int, Int)] = [(0, 0), (1, 30), (2, 30), (2, 0), (6, 0), (7, 0), (8, 45), (9, 0), (13, 30), (17, 0), (22, 15), (23, 59)]
    /// Days on which one of the zones changes its clocks, 2026 and 2027.
    static let transitions = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-09-27", "2026-10-04", "2026-10-25", "2026-11-01",
                              "2027-03-14", "2027-03-28", "2027-04-04", "2027-09-26", "2027-10-03", "2027-10-31", "2027-11-07"]
        .map { utc($0 + "T12:00:00Z") }

    // MARK: random configs

    private func int(_ range: ClosedRange<Int>, _ rng: inout SeededRandom) -> Int { Int.random(in: range, using: &rng) }
    private func chance(_ p: Double, _ rng: inout SeededRandom) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    private func time(_ rng: inout SeededRandom) -> LocalTime {
        if chance(0.7, &rng) {
            let (h, m) = Self.times[int(0...(Self.times.count - 1), &rng)]
            return LocalTime(hour: h, minute: m)
        }
        return LocalTime(hour: int(0...23, &rng), minute: int(0...59, &rng))
    }

    private func randomRotation(_ rng: inout SeededRandom) -> Rotation {
        let count = int(1...4, &rng)
        var regions: [Region] = []
        for index in 0..<count {
            var days = Set((1...7).filter { _ in chance(0.6, &rng) })
            if days.isEmpty, !chance(0.05, &rng) { days = [int(1...7, &rng)] }
            let roster = (0..<int(1...3, &rng)).map { _ in Self.names[int(0...(Self.names.count - 1), &rng)] }
            regions.append(Region(id: "r\(index)", timeZone: zone(Self.zones[int(0...(Self.zones.count - 1), &rng)]), takesPoint: time(&rng),
                                  days: days, until: chance(0.4, &rng) ? time(&rng) : nil, roster: roster))
        }
        let anchor = LocalDate(year: int(2025...2027, &rng), month: int(1...12, &rng), day: int(1...28, &rng))
        return Rotation(regions: regions, settings: RotationSettings(anchor: anchor, lengthDays: [1, 2, 7, 7, 7, 14][int(0...5, &rng)]))
    }

    private func randomWindow(_ rng: inout SeededRandom) -> (Date, Date) {
        let center: Date
        if chance(0.6, &rng) {
            center = Self.transitions[int(0...(Self.transitions.count - 1), &rng)].addingTimeInterval(Double(int(-10 * 24...10 * 24, &rng)) * 3_600)
        } else {
            center = utc("2026-01-01T00:00:00Z").addingTimeInterval(Double(int(0...729 * 24, &rng)) * 3_600)
        }
        // Minutes and sometimes seconds off the hour, so windows do not line up with boundaries.
        let from = center.addingTimeInterval(Double(int(0...59, &rng)) * 60 + (chance(0.3, &rng) ? Double(int(1...59, &rng)) : 0))
        // Mostly a week or two, sometimes up to 60 days; whole days or not.
        let days = chance(0.75, &rng) ? int(1...14, &rng) : int(15...60, &rng)
        let length = chance(0.5, &rng) ? Double(days) * 86_400 : Double(int(86_400...days * 86_400, &rng))
        return (from, from.addingTimeInterval(length))
    }

    private func randomOverrides(_ rotation: Rotation, _ from: Date, _ to: Date, _ rng: inout SeededRandom) -> [Override] {
        let rostered = rotation.regions.flatMap(\.roster)
        return (0..<int(0...5, &rng)).map { _ in
            let start = from.addingTimeInterval(Double(int(-3 * 24 * 60...Int(to.timeIntervalSince(from) / 60), &rng)) * 60)
            let end = start.addingTimeInterval(Double(int(30...5 * 24 * 60, &rng)) * 60)
            let replaces = chance(0.85, &rng) ? rostered[int(0...(rostered.count - 1), &rng)] : Self.names[int(0...(Self.names.count - 1), &rng)]
            return Override(engineer: Self.names[int(0...(Self.names.count - 1), &rng)], replaces: replaces, start: start, end: end)
        }
    }

    // MARK: the properties

    func testRandomRotationsWithoutOverrides() {
        var rng = SeededRandom(seed: 0x5EED_0001)
        for run in 0..<150 {
            let rotation = randomRotation(&rng)
            let (from, to) = randomWindow(&rng)
            checkInvariants(rotation, from, to, &rng, "run \(run)")
            if run % 2 == 0 { checkAgainstFoundation(rotation, from, min(to, from.addingTimeInterval(12 * 86_400)), "run \(run)") }
        }
    }

    func testRandomRotationsWithOverrides() {
        var rng = SeededRandom(seed: 0x5EED_0002)
        for run in 0..<150 {
            var rotation = randomRotation(&rng)
            let (from, to) = randomWindow(&rng)
            rotation.overrides = randomOverrides(rotation, from, to, &rng)
            checkInvariants(rotation, from, to, &rng, "run \(run)")
            checkOverrides(rotation, from, to, "run \(run)")
        }
    }

    func testTwoRegionsSharingAZoneAndAStartTime() {
        // London and UTC agree in winter: both take point at 09:00 UTC on the same instant.
        let rotation = Rotation(regions: [
            Region(id: "r0", timeZone: zone("Europe/London"), takesPoint: LocalTime(hour: 9, minute: 0), roster: ["ana"]),
            Region(id: "r1", timeZone: utcZone, takesPoint: LocalTime(hour: 9, minute: 0), roster: ["dave"]),
        ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)))
        var rng = SeededRandom(seed: 7)
        checkInvariants(rotation, utc("2026-01-12T00:00:00Z"), utc("2026-01-19T00:00:00Z"), &rng, "London and UTC")
        checkAgainstFoundation(rotation, utc("2026-01-12T00:00:00Z"), utc("2026-01-19T00:00:00Z"), "London and UTC")
        // The region listed later holds point; the other's shift would be empty.
        XCTAssertEqual(rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-13T00:00:00Z")),
                       [Shift(region: "r1", engineer: "dave", start: utc("2026-01-09T09:00:00Z"), end: utc("2026-01-12T09:00:00Z")),
                        Shift(region: "r1", engineer: "dave", start: utc("2026-01-12T09:00:00Z"), end: utc("2026-01-13T09:00:00Z"))])
        // In summer London is an hour ahead: it holds point from 08:00 to 09:00 UTC.
        XCTAssertEqual(rotation.shifts(from: utc("2026-07-13T07:00:00Z"), to: utc("2026-07-13T10:00:00Z")).map(\.region), ["r1", "r0", "r1"])
        XCTAssertEqual(rotation.holder(at: utc("2026-07-13T08:30:00Z"))?.engineer, "ana")
        XCTAssertEqual(rotation.handoffs(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-13T00:00:00Z")), [],
                       "dave holds point throughout; nobody hands off to himself")
    }

    /// The Foundation-based helper agrees with the published transitions, so the checks built on it mean something.
    func testTheIndependentStartHelper() {
        XCTAssertEqual(Self.expectedInstant(2026, 3, 29, LocalTime(hour: 2, minute: 30), berlin), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(Self.expectedInstant(2026, 10, 25, LocalTime(hour: 2, minute: 30), berlin), utc("2026-10-25T00:30:00Z"))
        XCTAssertEqual(Self.expectedInstant(2026, 11, 1, LocalTime(hour: 1, minute: 30), newYork), utc("2026-11-01T05:30:00Z"))
        XCTAssertEqual(Self.expectedInstant(2026, 3, 8, LocalTime(hour: 2, minute: 30), newYork), utc("2026-03-08T07:00:00Z"))
        XCTAssertEqual(Self.expectedInstant(2026, 1, 12, LocalTime(hour: 0, minute: 0), zone("Asia/Kathmandu")), utc("2026-01-11T18:15:00Z"))
        XCTAssertEqual(Self.expectedInstant(2026, 3, 8, LocalTime(hour: 2, minute: 30), zone("America/St_Johns")), utc("2026-03-08T05:30:00Z"))
    }

    private func describe(_ rotation: Rotation) -> String {
        rotation.regions.map { "\($0.id) \($0.timeZone.identifier) \($0.takesPoint) \($0.days.sorted()) until \($0.until.map(\.description) ?? "-") \($0.roster)" }
            .joined(separator: "; ") + "; anchor \(rotation.settings.anchor)/\(rotation.settings.lengthDays)"
            + (rotation.overrides.isEmpty ? "" : "; overrides " + rotation.overrides.map { "\($0.engineer) for \($0.replaces) \($0.start)–\($0.end)" }.joined(separator: ", "))
    }

    private func text(_ shift: Shift?) -> String {
        guard let shift else { return "nil" }
        return "\(shift.region) \(shift.engineer ?? "-") \(shift.start)–\(shift.end)\(shift.isOverride ? " (override)" : "")"
    }

    /// Stops a run at its first broken property, naming the config so it can be read and reproduced.
    private func fail(_ message: String, _ rotation: Rotation, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTFail("\(label): \(message)\n  config: \(describe(rotation))", file: file, line: line)
    }

    private func checkInvariants(_ rotation: Rotation, _ from: Date, _ to: Date, _ rng: inout SeededRandom, _ label: String) {
        let shifts = rotation.shifts(from: from, to: to)
        // Sorted, non-empty, in the window, disjoint.
        for shift in shifts where !(shift.start < shift.end && shift.start < to && shift.end > from) {
            return fail("shift \(text(shift)) is empty or outside [\(from), \(to))", rotation, label)
        }
        for (a, b) in zip(shifts, shifts.dropFirst()) where !(a.end <= b.start) {
            return fail("shifts overlap or are out of order: \(text(a)) then \(text(b))", rotation, label)
        }
        // Shifts (clipped to the window) and gaps tile [from, to) exactly.
        let gaps = rotation.gaps(from: from, to: to)
        var pieces = shifts.map { (start: max($0.start, from), end: min($0.end, to), gap: false) }
        pieces += gaps.map { (start: $0.start, end: $0.end, gap: true) }
        pieces.sort { $0.start < $1.start }
        if pieces.first?.start != from || pieces.last?.end != to {
            return fail("shifts and gaps do not cover the window's ends", rotation, label)
        }
        for (a, b) in zip(pieces, pieces.dropFirst()) where a.end != b.start || (a.gap && b.gap) || b.start >= b.end {
            return fail("shifts and gaps do not tile at \(a.end) / \(b.start)", rotation, label)
        }
        // holder(at:) is the listed shift containing t: at random instants and around every boundary.
        var instants = (0..<8).map { _ in from.addingTimeInterval(Double.random(in: 0..<to.timeIntervalSince(from), using: &rng).rounded(.down)) }
        for shift in shifts.prefix(6) {
            instants += [shift.start, shift.start.addingTimeInterval(-1), shift.end.addingTimeInterval(-1), shift.end].filter { $0 >= from && $0 < to }
        }
        for t in instants {
            let want = shifts.first { $0.contains(t) }
            let got = rotation.holder(at: t)
            if got != want { return fail("holder(at: \(t)) is \(text(got)), the list says \(text(want))", rotation, label) }
        }
        // Handoffs are exactly the shift starts in (from, to] whose engineer differs from the previous shift's.
        let wide = rotation.shifts(from: from.addingTimeInterval(-20 * 86_400), to: to.addingTimeInterval(1))
        var expected: [Handoff] = []
        for (index, shift) in wide.enumerated() where shift.start > from && shift.start <= to {
            let previous = index > 0 ? wide[index - 1] : nil
            if previous?.engineer != shift.engineer { expected.append(Handoff(at: shift.start, outgoing: previous, incoming: shift)) }
        }
        let handoffs = rotation.handoffs(from: from, to: to)
        if handoffs != expected {
            return fail("handoffs \(handoffs.map { "\($0.at) \($0.outgoing?.engineer ?? "-")→\($0.incoming.engineer ?? "-")" }) "
                        + "but engineer changes at \(expected.map { "\($0.at) \($0.outgoing?.engineer ?? "-")→\($0.incoming.engineer ?? "-")" })", rotation, label)
        }
        for handoff in handoffs where handoff.outgoing?.engineer == handoff.incoming.engineer {
            return fail("a handoff to the same engineer at \(handoff.at)", rotation, label)
        }
        // nextHandoff(after:) is the first handoff after t, wherever the list can tell.
        for _ in 0..<2 {
            let t = from.addingTimeInterval(Double.random(in: 0..<to.timeIntervalSince(from), using: &rng).rounded(.down))
            let next = rotation.nextHandoff(after: t)
            // It looks five weeks ahead, no further.
            if let want = handoffs.first(where: { $0.at > t }), want.at <= t.addingTimeInterval(35 * 86_400) {
                if next != want { return fail("nextHandoff(after: \(t)) is \(String(describing: next?.at)), handoffs say \(want.at)", rotation, label) }
            } else if let next, next.at <= min(to, t.addingTimeInterval(35 * 86_400)) {
                return fail("nextHandoff(after: \(t)) is \(next.at), inside the window where handoffs found none", rotation, label)
            }
        }
    }

    /// Each override piece lies inside a rostered shift of the same region; its engineer is the latest
    /// override covering it that replaces the rostered engineer, or the rostered one when none does.
    private func checkOverrides(_ rotation: Rotation, _ from: Date, _ to: Date, _ label: String) {
        var plain = rotation
        plain.overrides = []
        let rostered = plain.shifts(from: from, to: to)
        let shifts = rotation.shifts(from: from, to: to)
        if rotation.gaps(from: from, to: to) != plain.gaps(from: from, to: to) {
            return fail("overrides changed where nobody holds point", rotation, label)
        }
        for shift in shifts {
            guard let base = rostered.first(where: { $0.start <= shift.start && shift.end <= $0.end }), base.region == shift.region else {
                return fail("\(text(shift)) lies in no rostered shift of its region", rotation, label)
            }
            // Cut the piece at every override boundary inside it; each part must say the same.
            let cuts = Set([shift.start, shift.end] + rotation.overrides.flatMap { [$0.start, $0.end] }.filter { $0 > shift.start && $0 < shift.end }).sorted()
            for (start, end) in zip(cuts, cuts.dropFirst()) {
                let cover = rotation.overrides.last { $0.replaces == base.engineer && $0.start <= start && end <= $0.end }
                if shift.isOverride != (cover != nil) || shift.engineer != (cover?.engineer ?? base.engineer) {
                    return fail("\(text(shift)) over \(start)–\(end) should be \(cover.map { "\($0.engineer)'s override" } ?? "the rostered engineer") of \(text(base))", rotation, label)
                }
            }
        }
    }

    // MARK: Foundation-only expectations of the rostered shifts

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// A local time on a local date as an instant: a time the clocks skip becomes the next time
    /// that exists (the transition), a repeated time its first occurrence. Foundation's rules, not ZonedTime's.
    static func expectedInstant(_ year: Int, _ month: Int, _ day: Int, _ time: LocalTime, _ zone: TimeZone) -> Date {
        let calendar = calendar(zone)
        let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let midnight = calendar.startOfDay(for: noon)
        return calendar.nextDate(after: midnight.addingTimeInterval(-1), matching: DateComponents(hour: time.hour, minute: time.minute, second: 0),
                                 matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)!
    }

    private struct Start { var instant: Date; var region: Region; var date: DateComponents }

    /// Every start of every region on local dates around [from, to), by Foundation.
    private func expectedStarts(_ rotation: Rotation, _ from: Date, _ to: Date) -> [Start] {
        var starts: [Start] = []
        for region in rotation.regions {
            let calendar = Self.calendar(region.timeZone)
            var day = calendar.date(byAdding: .day, value: -9, to: from)!
            while day < to.addingTimeInterval(9 * 86_400) {
                let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
                let iso = (parts.weekday! + 5) % 7 + 1
                if region.days.contains(iso) {
                    starts.append(Start(instant: Self.expectedInstant(parts.year!, parts.month!, parts.day!, region.takesPoint, region.timeZone),
                                        region: region, date: parts))
                }
                day = calendar.date(byAdding: .day, value: 1, to: day)!
            }
        }
        return starts.sorted { $0.instant < $1.instant }
    }

    private func expectedEngineer(_ rotation: Rotation, _ region: Region, _ date: DateComponents) -> String? {
        guard !region.roster.isEmpty else { return nil }
        let calendar = Self.calendar(region.timeZone)
        let anchor = rotation.settings.anchor
        let from = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: anchor.day, hour: 12))!
        let to = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
        let elapsed = calendar.dateComponents([.day], from: from, to: to).day!
        let k = Int((Double(elapsed) / Double(rotation.settings.lengthDays)).rounded(.down))
        let n = region.roster.count
        return region.roster[((k % n) + n) % n]
    }

    /// The rostered shifts whose start lies in [from, to): start, end and engineer as the issue's rule says.
    private func checkAgainstFoundation(_ rotation: Rotation, _ from: Date, _ to: Date, _ label: String) {
        let starts = expectedStarts(rotation, from, to)
        var want: [Shift] = []
        let order = Dictionary(uniqueKeysWithValues: rotation.regions.enumerated().map { ($1.id, $0) })
        for start in starts where start.instant >= from && start.instant < to {
            // Two regions taking point at the same instant cannot both hold it: the one listed later does.
            let rivals = starts.filter { $0.instant == start.instant }
            guard rivals.allSatisfy({ order[$0.region.id]! <= order[start.region.id]! }) else { continue }
            var end = starts.first { $0.instant > start.instant }!.instant
            if let until = start.region.until {
                let calendar = Self.calendar(start.region.timeZone)
                var limit = Self.expectedInstant(start.date.year!, start.date.month!, start.date.day!, until, start.region.timeZone)
                if limit <= start.instant {
                    let noon = calendar.date(from: DateComponents(year: start.date.year, month: start.date.month, day: start.date.day, hour: 12))!
                    let next = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: 1, to: noon)!)
                    limit = Self.expectedInstant(next.year!, next.month!, next.day!, until, start.region.timeZone)
                }
                end = min(end, limit)
            }
            want.append(Shift(region: start.region.id, engineer: expectedEngineer(rotation, start.region, start.date), start: start.instant, end: end))
        }
        let got = rotation.shifts(from: from, to: to).filter { $0.start >= from && $0.start < to }
        if got != want {
            let first = zip(got, want).first { $0 != $1 }
            fail("rostered shifts differ from Foundation's: \(first.map { "got \(text($0.0)), want \(text($0.1))" } ?? "got \(got.count), want \(want.count)")", rotation, label)
        }
    }
}
