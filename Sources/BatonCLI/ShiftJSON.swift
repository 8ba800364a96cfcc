import BatonCore

/// A shift as scripts read it; the key names are a promise.
struct ShiftJSON: Encodable {
    var shift: Shift
    enum Keys: String, CodingKey { case region, engineer, start, end, override }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(shift.region, forKey: .region)
        try container.encode(shift.engineer, forKey: .engineer)
        try container.encode(CalendarText.rfc3339(shift.start), forKey: .start)
        try container.encode(CalendarText.rfc3339(shift.end), forKey: .end)
        try container.encode(shift.isOverride, forKey: .override)
    }
}
