import BatonCore

/// The handoff report for scripts.
struct HandoffReportJSON: Encodable {
    var report: HandoffReport
    enum Keys: String, CodingKey { case boundary, ran_at, from_engineer, from_region, to_engineer, to_region, transferred, arrived_in_gap, breaching_soon, notes }
    enum NoteKeys: String, CodingKey { case author, body, created_at }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let handoff = report.handoff
        try container.encode(CalendarText.rfc3339(handoff.boundary), forKey: .boundary)
        try container.encode(CalendarText.rfc3339(handoff.ranAt), forKey: .ran_at)
        try container.encode(handoff.fromEngineer, forKey: .from_engineer)
        try container.encode(handoff.fromRegion, forKey: .from_region)
        try container.encode(handoff.toEngineer, forKey: .to_engineer)
        try container.encode(handoff.toRegion, forKey: .to_region)
        try container.encode(report.transferred.map { ConversationJSON(row: $0) }, forKey: .transferred)
        try container.encode(report.arrivedInGap.map { ConversationJSON(row: $0) }, forKey: .arrived_in_gap)
        try container.encode(report.breachingSoon.map { ConversationJSON(row: $0) }, forKey: .breaching_soon)
        var notes = container.nestedUnkeyedContainer(forKey: .notes)
        for note in report.notes {
            var item = notes.nestedContainer(keyedBy: NoteKeys.self)
            try item.encode(note.author, forKey: .author)
            try item.encode(note.body, forKey: .body)
            try item.encode(CalendarText.rfc3339(note.createdAt), forKey: .created_at)
        }
    }
}
