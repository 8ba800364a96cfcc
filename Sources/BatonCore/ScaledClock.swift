import Foundation

/// A clock that starts at a chosen instant and runs `speed` times faster than the real one:
/// the demo's `--clock-speed`, and fixed instants for tests. Pure: the real time is passed in.
public struct ScaledClock: Equatable, Sendable {
    public var start: Date
    public var realStart: Date
    public var speed: Double

    public init(start: Date, realStart: Date, speed: Double = 1) {
        self.start = start
        self.realStart = realStart
        self.speed = speed
    }

    public func now(real: Date) -> Date {
        start.addingTimeInterval(real.timeIntervalSince(realStart) * speed)
    }
}
