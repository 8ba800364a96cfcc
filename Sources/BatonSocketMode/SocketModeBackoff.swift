import Foundation

/// How long to wait before opening the link again, in seconds: nothing after a `disconnect`
/// Slack asked for (it wants the new link at once), else `initial` doubling with each
/// failure in a row up to `maximum`, so a box without network or a revoked token does not
/// hammer Slack. A `hello` ends the run of failures.
public struct SocketModeBackoff: Equatable, Sendable {
    public var initial: TimeInterval
    public var maximum: TimeInterval
    /// Failures since the last `hello`.
    public private(set) var failures = 0

    public init(initial: TimeInterval = 1, maximum: TimeInterval = 60) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The link came up.
    public mutating func connected() { failures = 0 }

    /// The link failed (could not open, dropped, closed without a `disconnect`): the wait before the next try.
    public mutating func failed() -> TimeInterval {
        failures += 1
        return min(maximum, initial * pow(2, Double(failures - 1)))
    }
}
