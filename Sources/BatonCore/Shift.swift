import Foundation

/// An interval in which one region, and its on-call engineer, holds point.
public struct Shift: Equatable, Sendable {
    public var region: String
    /// The engineer on call; nil when the region's roster is empty.
    public var engineer: String?
    public var start: Date
    public var end: Date
    /// Whether an override replaced the rostered engineer.
    public var isOverride: Bool

    public init(region: String, engineer: String?, start: Date, end: Date, isOverride: Bool = false) {
        self.region = region
        self.engineer = engineer
        self.start = start
        self.end = end
        self.isOverride = isOverride
    }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }
}
