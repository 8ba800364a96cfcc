import Foundation

/// The follow-the-sun rotation: which region, and which engineer, holds point when.
///
/// On each local date D in a region's days, it takes point at `takesPoint` in its zone and
/// holds it until any region next takes point, or until its `until` comes first (a gap).
/// The engineer is `roster[k mod n]`, k being whole rotation lengths from the anchor to D.
public struct Rotation: Sendable {
    public var regions: [Region]
    public var settings: RotationSettings

    public init(regions: [Region], settings: RotationSettings) {
        self.regions = regions
        self.settings = settings
    }

    /// The shifts that overlap [from, to), in order.
    public func shifts(from: Date, to: Date) -> [Shift] {
        guard !regions.isEmpty, from < to else { return [] }
        struct Start { var instant: Date; var region: Int; var date: LocalDate }
        var starts: [Start] = []
        for (index, region) in regions.enumerated() {
            // A week of margin on each side finds the shift in force at `from` and the next start after `to`.
            let first = LocalDate(from, in: region.timeZone).adding(days: -8)
            let last = LocalDate(to, in: region.timeZone).adding(days: 8)
            for day in first.dayNumber...last.dayNumber {
                let date = LocalDate(dayNumber: day)
                guard region.days.contains(date.isoWeekday) else { continue }
                starts.append(Start(instant: ZonedTime.instant(date, region.takesPoint, in: region.timeZone), region: index, date: date))
            }
        }
        starts.sort { ($0.instant, $0.region) < ($1.instant, $1.region) }
        var result: [Shift] = []
        for (position, start) in starts.enumerated() {
            let region = regions[start.region]
            var end = starts[(position + 1)...].first(where: { $0.instant > start.instant })?.instant ?? .distantFuture
            if let until = region.until {
                var limit = ZonedTime.instant(start.date, until, in: region.timeZone)
                if limit <= start.instant { limit = ZonedTime.instant(start.date.adding(days: 1), until, in: region.timeZone) }
                end = min(end, limit)
            }
            guard end > start.instant, end > from, start.instant < to else { continue }
            result.append(Shift(region: region.id, engineer: engineer(of: region, on: start.date), start: start.instant, end: end))
        }
        return result
    }

    /// The shift holding point at `instant`, or nil in a gap.
    public func holder(at instant: Date) -> Shift? {
        shifts(from: instant, to: instant.addingTimeInterval(1)).first { $0.contains(instant) }
    }

    /// The first shift that starts after `instant`.
    public func nextShift(after instant: Date) -> Shift? {
        shifts(from: instant, to: instant.addingTimeInterval(14 * 86_400)).first { $0.start > instant }
    }

    /// The rostered engineer for a region's shift that starts on local date `date`.
    public func engineer(of region: Region, on date: LocalDate) -> String? {
        guard !region.roster.isEmpty else { return nil }
        let length = max(1, settings.lengthDays)
        let elapsed = date.dayNumber - settings.anchor.dayNumber
        let k = elapsed >= 0 ? elapsed / length : -((-elapsed + length - 1) / length)
        let n = region.roster.count
        return region.roster[((k % n) + n) % n]
    }
}
