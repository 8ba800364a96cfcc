import Foundation

/// Who holds point now and who takes it next: what every screen's header shows.
public struct PointStatus: Equatable, Sendable {
    /// The shift in force, or nil in a gap.
    public var current: Shift?
    /// The next shift to start with another engineer: where point passes next.
    public var next: Shift?

    public init(current: Shift?, next: Shift?) {
        self.current = current
        self.next = next
    }

    public init(rotation: Rotation, at now: Date) {
        self.init(current: rotation.holder(at: now), next: rotation.nextHandoff(after: now)?.incoming ?? rotation.nextShift(after: now))
    }
}
