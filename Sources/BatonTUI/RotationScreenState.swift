import BatonCore
import Foundation

/// The rotation screen: the next days of shifts and gaps, worked out when it opens.
public struct RotationScreenState: Equatable, Sendable {
    public var regions: [Region]
    /// Local midnight today in the viewer's zone; the timeline starts here.
    public var from: Date
    public var to: Date
    public var days: Int
    public var shifts: [Shift]
    public var gaps: [DateInterval]
    /// Pairs of regions closer or further apart than usual in these days.
    public var distances: [RegionDistance]
    /// The first line of the shift list shown.
    public var scroll: Int = 0

    public init(regions: [Region], from: Date, to: Date, days: Int, shifts: [Shift], gaps: [DateInterval], distances: [RegionDistance], scroll: Int = 0) {
        self.regions = regions
        self.from = from
        self.to = to
        self.days = days
        self.shifts = shifts
        self.gaps = gaps
        self.distances = distances
        self.scroll = scroll
    }

    /// The next `days` whole local days in `zone`, from today's midnight.
    public init(rotation: Rotation, now: Date, zone: TimeZone, days: Int = 7) {
        let today = LocalDate(now, in: zone)
        let midnight = LocalTime(hour: 0, minute: 0)
        let from = ZonedTime.instant(today, midnight, in: zone)
        let to = ZonedTime.instant(today.adding(days: days), midnight, in: zone)
        self.init(regions: rotation.regions, from: from, to: to, days: days,
                  shifts: rotation.shifts(from: from, to: to), gaps: rotation.wholeGaps(from: from, to: to),
                  distances: RegionDistance.unusual(rotation.regions, from: from, days: days))
    }
}
