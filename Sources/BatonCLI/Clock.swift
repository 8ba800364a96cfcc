import BatonCore
import Foundation

/// The time every command works at. Real time, unless `BATON_NOW` (an RFC 3339 instant)
/// moves the start, or `BATON_CLOCK_SPEED` makes it run faster: the demo's `--clock-speed`
/// hands both to its feeder, and tests use them to run at a known instant.
enum Clock {
    static let scaled: ScaledClock? = {
        let environment = ProcessInfo.processInfo.environment
        let real = Date()
        var start: Date?
        if let text = environment["BATON_NOW"], !text.isEmpty {
            guard let parsed = InstantText.parse(text, in: TimeZone(identifier: "UTC")!) else {
                FileHandle.standardError.write(Data("baton: BATON_NOW=\(text): expected an instant like 2026-03-10T12:00:00Z\n".utf8))
                exit(2)
            }
            start = parsed
        }
        var speed = 1.0
        if let text = environment["BATON_CLOCK_SPEED"], !text.isEmpty {
            // Finite and at most a million times real speed: an infinite clock trapped when its instants became integers.
            guard let value = Double(text), value.isFinite, value > 0, value <= 1_000_000 else {
                FileHandle.standardError.write(Data("baton: BATON_CLOCK_SPEED=\(text): expected a number above 0 and at most 1000000\n".utf8))
                exit(2)
            }
            speed = value
        }
        guard start != nil || speed != 1 else { return nil }
        return ScaledClock(start: start ?? real, realStart: real, speed: speed)
    }()

    /// Whether this is the real time: only then may a command change the store on the
    /// clock's say-so (run a handoff), unless the store is the demo's.
    static var isReal: Bool { scaled == nil }

    static func now() -> Date {
        // The scaled clock first: it notes the real time it starts from, which must not be later than `real`.
        let scaled = self.scaled
        let real = Date()
        return scaled?.now(real: real) ?? real
    }

    /// Handoffs change who owns what: a clock moved for a look at another week must not
    /// run them on the team's store.
    static func mayRunHandoffs(_ context: Context) throws -> Bool {
        try isReal || context.store.isDemo()
    }
}
