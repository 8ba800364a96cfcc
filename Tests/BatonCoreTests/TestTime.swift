import Foundation

/// Instants written by hand as RFC 3339 text, read with Foundation's own parser so the
/// expectations never come from the code under test.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("no time zone \(identifier)") }
    return zone
}

let berlin = zone("Europe/Berlin")
let newYork = zone("America/New_York")
let utcZone = zone("UTC")
