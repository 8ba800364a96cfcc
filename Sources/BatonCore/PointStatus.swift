import Foundation

/// Who holds point now and who takes it next: what every screen's header shows.
public struct PointStatus: Equatable, Sendable {
    /// The shift in force, or nil in a gap.
    public var current: Shift?
    /// The next shift to start with another engineer: where point passes next.
    public var next: Shift?
    /// When nobody will hold point before `next` starts (a region's `until`), if so:
    /// the header must not promise a handoff across a gap.
    public var gapAt: Date?

    public init(current: Shift?, next: Shift?, gapAt: Date? = nil) {
        self.current = current
        self.next = next
        self.gapAt = gapAt
    }

    public init(rotation: Rotation, at now: Date) {
        let current = rotation.holder(at: now)
        let next = rotation.nextHandoff(after: now)?.incoming ?? rotation.nextShift(after: now)
        var gapAt: Date?
        if current != nil, let next { gapAt = rotation.gaps(from: now, to: next.start).first?.start }
        self.init(current: current, next: next, gapAt: gapAt)
    }
}
