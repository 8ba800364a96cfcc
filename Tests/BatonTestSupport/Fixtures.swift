import BatonCore
import Foundation

/// Values that tests build screens and stores from.
public enum Fixtures {
    /// Monday 23 November 2026, 14:00:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_795_442_400)
    public static let utc = TimeZone(identifier: "UTC")!

    public static func row(_ id: Int64, subject: String, customer: String = "Acme", tier: String = "ENT", owner: String? = nil,
                           source: Source = .slack, age: TimeInterval = 3_600, dueIn: TimeInterval? = 1_800,
                           status: ConversationStatus = .open) -> QueueRow {
        QueueRow(id: id, subject: subject, status: status, source: source, customerID: customer.lowercased(), customerName: customer,
                 tierID: tier.lowercased(), tierShort: tier, ownerID: owner, createdAt: now.addingTimeInterval(-age),
                 updatedAt: now, slaDue: dueIn.map { now.addingTimeInterval($0) }, messageCount: 2)
    }

    /// A two-region team: Europe from 07:00 Berlin, the US from 09:00 New York until 20:00.
    public static func team(storePath: String = ":memory:") -> TeamConfig {
        let europe = Region(id: "europe", name: "Europe", timeZone: TimeZone(identifier: "Europe/Berlin")!,
                            takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"])
        let us = Region(id: "us", name: "US", timeZone: TimeZone(identifier: "America/New_York")!,
                        takesPoint: LocalTime(hour: 9, minute: 0), until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"])
        return TeamConfig(
            storePath: storePath,
            rotation: Rotation(regions: [europe, us], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
            engineers: [Engineer(id: "ana", region: "europe"), Engineer(id: "ben", region: "europe"),
                        Engineer(id: "dave", region: "us"), Engineer(id: "erin", region: "us")],
            tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600, rank: 0),
                    Tier(id: "pro", short: "PRO", firstResponse: 4 * 3_600, nextResponse: 86_400, rank: 1),
                    Tier(id: "free", short: "FREE", firstResponse: 2 * 86_400, nextResponse: 3 * 86_400, rank: 2)],
            customers: [Customer(id: "acme", name: "Acme", tier: "enterprise", engineer: "ana"),
                        Customer(id: "globex", name: "Globex", tier: "pro")])
    }
}
