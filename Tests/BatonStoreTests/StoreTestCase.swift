import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// A fresh store in a temporary folder, with the fixture team's tiers.
class StoreTestCase: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    let now = Date(timeIntervalSince1970: 1_795_442_400)  // Mon 23 Nov 2026 14:00 UTC

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-store-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Self.team(path: folder + "/baton.sqlite"))
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func team(path: String) -> TeamConfig {
        TeamConfig(storePath: path, rotation: Rotation(regions: [], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
                   engineers: [Engineer(id: "ana", region: "europe"), Engineer(id: "dave", region: "us")],
                   tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600),
                           Tier(id: "free", short: "FREE", firstResponse: 2 * 86_400, nextResponse: 3 * 86_400, rank: 1)],
                   customers: [Customer(id: "acme", name: "Acme", tier: "enterprise")])
    }

    /// A conversation a customer opened `minutesAgo`, with one message.
    func conversation(_ subject: String, minutesAgo: Double, tier: String = "enterprise", customer: String = "Acme",
                      owner: String? = nil, status: ConversationStatus? = nil, body: String = "hello", key: String? = nil) -> NewConversation {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return NewConversation(externalKey: key, customerID: customer.lowercased(), customerName: customer, tierID: tier, subject: subject,
                               source: .slack, ownerID: owner, status: status,
                               messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: body, createdAt: at)])
    }
}
