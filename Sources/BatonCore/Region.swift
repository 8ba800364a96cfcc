import Foundation

/// A group of engineers in one time zone that holds point for part of the day.
public struct Region: Equatable, Sendable {
    public var id: String
    public var name: String
    public var timeZone: TimeZone
    /// The local time at which this region takes point.
    public var takesPoint: LocalTime
    /// ISO weekdays (1 = Monday ... 7 = Sunday) on which it takes point.
    public var days: Set<Int>
    /// The local time at which its shift ends at the latest, if any.
    public var until: LocalTime?
    /// Engineer ids; one holds the region's on-call per rotation length.
    public var roster: [String]

    public init(id: String, name: String? = nil, timeZone: TimeZone, takesPoint: LocalTime, days: Set<Int> = [1, 2, 3, 4, 5], until: LocalTime? = nil, roster: [String]) {
        self.id = id
        self.name = name ?? Region.defaultName(for: id)
        self.timeZone = timeZone
        self.takesPoint = takesPoint
        self.days = days
        self.until = until
        self.roster = roster
    }

    /// "us" reads better as "US", "europe" as "Europe".
    static func defaultName(for id: String) -> String {
        id.count <= 3 ? id.uppercased() : id.prefix(1).uppercased() + id.dropFirst()
    }
}

/// How the roster advances: whole lengths counted in local days from an anchor date.
public struct RotationSettings: Equatable, Sendable {
    public var anchor: LocalDate
    public var lengthDays: Int

    public init(anchor: LocalDate, lengthDays: Int = 7) {
        self.anchor = anchor
        self.lengthDays = lengthDays
    }
}
