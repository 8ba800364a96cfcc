import BatonCore
import Foundation

/// The time every command works at. Real time, unless `BATON_NOW` (an RFC 3339 instant)
/// moves the start, or `BATON_CLOCK_SPEED` makes it run faster: the demo's `--clock-speed`
/// hands both to its feeder, and tests use them to run at a known instant.
enum Clock {
    static let scaled: ScaledClock? = {
        let environment = ProcessInfo.processInfo.environment
        let real = Date()
        let start = environment["BATON_NOW"].flatMap { InstantText.parse($0, in: TimeZone(identifier: "UTC")!) }
        let speed = environment["BATON_CLOCK_SPEED"].flatMap(Double.init) ?? 1
        guard start != nil || speed != 1 else { return nil }
        return ScaledClock(start: start ?? real, realStart: real, speed: max(speed, 0))
    }()

    static func now() -> Date {
        let real = Date()
        return scaled?.now(real: real) ?? real
    }
}
