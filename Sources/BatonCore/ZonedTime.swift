import Foundation

/// Turns a local wall-clock date and time in a zone into an instant.
public enum ZonedTime {
    /// The instant at which `date` `time` happens in `zone`. A time that a spring-forward
    /// skips becomes the first valid instant after it (the transition); a time that a
    /// fall-back repeats takes its first occurrence.
    public static func instant(_ date: LocalDate, _ time: LocalTime, in zone: TimeZone) -> Date {
        let local = Double(date.dayNumber * 86_400 + time.minutesOfDay * 60)
        let before = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - 86_400 * 2)))
        let after = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local + 86_400 * 2)))
        let candidates = Set([local - before, local - after]).sorted()
        for candidate in candidates {
            let instant = Date(timeIntervalSince1970: candidate)
            if candidate + Double(zone.secondsFromGMT(for: instant)) == local { return instant }
        }
        // In a gap: the wall clock jumps over this time; take the moment it jumps.
        let searchFrom = Date(timeIntervalSince1970: local - before - 86_400 * 2)
        return zone.nextDaylightSavingTimeTransition(after: searchFrom) ?? Date(timeIntervalSince1970: local - before)
    }
}
