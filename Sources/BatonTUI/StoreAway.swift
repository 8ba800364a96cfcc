import BatonCore
import Foundation

/// The store's server cannot be reached (issue 16 item 4): since when, and what the last
/// failed call said. While it is set the screen keeps what it last loaded, moves over it,
/// refuses writes, and the loop keeps trying; `Event.storeBack` clears it.
public struct StoreAway: Equatable, Sendable {
    /// The clock when the first call failed (UTC instant).
    public var since: Date
    /// The last failure, as the backend said it ("connection refused").
    public var reason: String

    public init(since: Date, reason: String) {
        self.since = since
        self.reason = reason
    }

    /// The header's right side, longest first: "store unreachable since 11:52 (3m)",
    /// "unreachable since 11:52 (3m)", "store unreachable (3m)", "unreachable", in the viewer's zone.
    func headerForms(now: Date, zone: TimeZone) -> [String] {
        let clock = CalendarText.clock(since, in: zone)
        return ["store unreachable since \(clock)" + duration(now: now), "unreachable since \(clock)" + duration(now: now),
                "store unreachable" + duration(now: now), "unreachable"]
    }

    /// The footer's line: what the screen shows and what it does meanwhile.
    func footer(now: Date, zone: TimeZone) -> String {
        "store unreachable since \(CalendarText.clock(since, in: zone))\(duration(now: now)): \(reason) · showing what was loaded, reconnecting"
    }

    private func duration(now: Date) -> String {
        let seconds = Int64(now.timeIntervalSince(since).rounded(.down))
        return seconds > 0 ? " (\(DurationText.compact(seconds)))" : ""
    }

    /// Said instead of a write or a read the store cannot be reached.
    func refusal(_ what: String) -> String {
        "the store cannot be reached: \(what) must wait until it is back; nothing changed"
    }
}
