import Foundation

/// Counts open calendar time: the arithmetic under every SLA deadline. Instants are whole
/// seconds since 1970 (UTC); nil `calendar` means around the clock (24x7).
///
/// An instance remembers the zone's DST transitions it has looked up, so one instance per
/// calendar, reused across many conversations (as the store's recompute does), looks each
/// up once. Not thread-safe: use one per thread.
public final class SLACalendarClock {
    public let calendar: BusinessCalendar?
    /// Stretches of constant UTC offset met so far, sorted by start.
    private var segments: [(start: Int64, end: Int64, offset: Int64)] = []

    /// How far ahead a deadline is looked for before the calendar is taken to be never open.
    public static let horizon: Int64 = 3 * 366 * 86_400

    /// `calendar.isNeverOpen`, worked out once: `forEachOpen` asks on every call.
    private let neverOpen: Bool

    public init(_ calendar: BusinessCalendar?) {
        self.calendar = calendar
        neverOpen = calendar?.isNeverOpen == true
    }

    /// The instant at which `target` seconds of open time have passed since `start`, not
    /// counting `pauses` (half-open UTC intervals, in any order, may overlap); a clock
    /// that starts while closed starts at the next opening. Nil when the calendar does not
    /// open within `horizon`.
    public func deadline(start: Int64, target: Int64, pauses: [(Int64, Int64)] = []) -> Int64? {
        guard target > 0 else { return start }
        let pauses = Self.merged(pauses)
        if calendar == nil {
            // Around the clock the walk below meets one open stretch, [start, start + horizon):
            // the same walk without its closure, for the metrics' hundreds of thousands of waits.
            // A pause still lasting ends at Int64.max: every sum is kept under the horizon.
            let close = start + Self.horizon
            var cursor = start, remaining = target
            for (pauseStart, pauseEnd) in pauses where pauseEnd > cursor {
                if pauseStart >= close { break }
                if pauseStart > cursor {
                    if pauseStart - cursor >= remaining { break }
                    remaining -= pauseStart - cursor
                }
                cursor = min(pauseEnd, close)
                if cursor >= close { return nil }
            }
            return close - cursor >= remaining ? cursor + remaining : nil
        }
        var remaining = target
        var result: Int64?
        var index = 0
        forEachOpen(from: start, until: start + Self.horizon) { open, close in
            var cursor = open
            while cursor < close {
                while index < pauses.count && pauses[index].1 <= cursor { index += 1 }
                var end = close
                if index < pauses.count {
                    let (pauseStart, pauseEnd) = pauses[index]
                    if pauseStart <= cursor {
                        cursor = min(pauseEnd, close)
                        continue
                    }
                    end = min(close, pauseStart)
                }
                if end - cursor >= remaining {
                    result = cursor + remaining
                    return false
                }
                remaining -= end - cursor
                cursor = end
            }
            return true
        }
        return result
    }

    /// The open stretches between `from` and `to`, in order, touching ones joined.
    public func openIntervals(from: Int64, to: Int64) -> [(Int64, Int64)] {
        var result: [(Int64, Int64)] = []
        forEachOpen(from: from, until: to) { open, close in
            if let last = result.last, last.1 == open { result[result.count - 1].1 = close } else { result.append((open, close)) }
            return true
        }
        return result
    }

    /// Calls `body` with each open stretch `[open, close)` from `from` up to `until`, in
    /// order, until it returns false. A stretch that a DST change cuts comes in two pieces.
    public func forEachOpen(from: Int64, until: Int64, _ body: (Int64, Int64) -> Bool) {
        guard from < until else { return }
        guard let calendar else {
            _ = body(from, until)
            return
        }
        if neverOpen { return }
        var cursor = from
        while cursor < until {
            let segment = self.segment(at: cursor)
            let end = min(segment.end, until)
            // Within the segment the wall clock is UTC plus `offset`, so each local day's
            // windows are fixed offsets from its local midnight.
            var day = Self.floorDivide(cursor + segment.offset, 86_400)
            while true {
                let midnight = day * 86_400 - segment.offset
                if midnight >= end { break }
                for window in calendar.windows(on: LocalDate(dayNumber: Int(day))) {
                    let open = max(midnight + Int64(window.start) * 60, cursor)
                    let close = min(midnight + Int64(window.end) * 60, end)
                    if open < close, !body(open, close) { return }
                }
                day += 1
            }
            cursor = end
        }
    }

    /// The stretch of constant UTC offset that holds `instant`, from the zone's DST transitions.
    func segment(at instant: Int64) -> (start: Int64, end: Int64, offset: Int64) {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].end <= instant { low = middle + 1 } else { high = middle }
        }
        if low < segments.count, segments[low].start <= instant { return segments[low] }
        let zone = calendar?.zone ?? TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let offset = Int64(zone.secondsFromGMT(for: date))
        var end = instant + Self.horizon
        if let next = zone.nextDaylightSavingTimeTransition(after: date) {
            end = Int64(next.timeIntervalSince1970.rounded(.down))
            if end <= instant { end = instant + 1 }
        }
        // Kept sorted and disjoint: a new one ends where the next one known begins.
        if low < segments.count { end = min(end, segments[low].start) }
        segments.insert((instant, end, offset), at: low)
        return segments[low]
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Sorted by start, overlapping ones joined.
    static func merged(_ intervals: [(Int64, Int64)]) -> [(Int64, Int64)] {
        var result: [(Int64, Int64)] = []
        for interval in intervals.sorted(by: { $0.0 < $1.0 }) where interval.0 < interval.1 {
            if let last = result.last, interval.0 <= last.1 { result[result.count - 1].1 = max(last.1, interval.1) } else { result.append(interval) }
        }
        return result
    }
}
