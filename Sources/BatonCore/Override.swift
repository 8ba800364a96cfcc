import Foundation

/// A change to the computed rotation: `engineer` holds point in place of `replaces`
/// wherever `replaces` would hold it within [start, end). A swap is two overrides;
/// a holiday or cover is one.
public struct Override: Equatable, Sendable {
    /// The store's id; nil before it is stored.
    public var id: Int64?
    public var engineer: String
    public var replaces: String
    public var start: Date
    public var end: Date
    public var reason: String
    /// Who made it and when, as the store recorded it; nil before it is stored.
    public var madeBy: String?
    public var madeAt: Date?
    /// Who removed it and when; a removed override no longer changes the rotation.
    public var removedBy: String?
    public var removedAt: Date?

    public init(id: Int64? = nil, engineer: String, replaces: String, start: Date, end: Date, reason: String = "",
                madeBy: String? = nil, madeAt: Date? = nil, removedBy: String? = nil, removedAt: Date? = nil) {
        self.id = id
        self.engineer = engineer
        self.replaces = replaces
        self.start = start
        self.end = end
        self.reason = reason
        self.madeBy = madeBy
        self.madeAt = madeAt
        self.removedBy = removedBy
        self.removedAt = removedAt
    }

    public func overlaps(_ from: Date, _ to: Date) -> Bool { start < to && from < end }
}
