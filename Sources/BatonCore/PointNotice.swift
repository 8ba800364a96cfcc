import Foundation

/// What an engineer's screen tells them the next time it is open after an override put
/// them on point: whom they cover, when, and who arranged it.
public struct PointNotice: Equatable, Sendable {
    public var id: Int64
    public var override: Override
    public var createdAt: Date

    public init(id: Int64, override: Override, createdAt: Date) {
        self.id = id
        self.override = override
        self.createdAt = createdAt
    }

    /// "You hold point for chiara from Mon 23 Nov 09:00 to Fri 27 Nov 18:00 UTC (set by lead: chiara is away)".
    public func text(in zone: TimeZone) -> String {
        var text = "You hold point for \(override.replaces) from \(CalendarText.dayAndTime(override.start, in: zone)) "
            + "to \(CalendarText.dayAndTime(override.end, in: zone)) \(zone.identifier)"
        let why = [override.madeBy.map { "set by \($0)" }, override.reason.isEmpty ? nil : override.reason].compactMap { $0 }
        if !why.isEmpty { text += " (" + why.joined(separator: ": ") + ")" }
        return TerminalText.glyphs(text).map(\.text).joined()
    }
}
