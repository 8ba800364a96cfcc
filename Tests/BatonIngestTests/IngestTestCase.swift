import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// A fresh store in a temporary folder, and a team whose customers write from Slack and mail.
class IngestTestCase: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    let now = Date(timeIntervalSince1970: 1_795_442_400)  // Mon 23 Nov 2026 14:00 UTC

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-ingest-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Self.team)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    static let team = TeamConfig(
        storePath: ":memory:", internalDomains: ["example-corp.com"],
        rotation: Rotation(regions: [], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
        engineers: [Engineer(id: "ana", name: "Ana", region: "europe", slackUser: "U0ANA001", email: "ana@example-corp.com"),
                    Engineer(id: "ben", name: "Ben", region: "europe")],
        tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600, rank: 0),
                Tier(id: "free", short: "FREE", firstResponse: 2 * 86_400, nextResponse: 3 * 86_400, rank: 1)],
        customers: [Customer(id: "acme", name: "Acme", tier: "enterprise", slackChannel: "acme-support", emailDomains: ["acme.io"],
                             engineer: "ana", csm: "viola"),
                    Customer(id: "globex", name: "Globex", tier: "enterprise", slackChannel: "C0GLOBEX1", emailDomains: ["globex.com"])])

    var roster: Roster { Roster(team: Self.team) }

    static func fixture(_ name: String) -> String {
        Bundle.module.path(forResource: "Fixtures", ofType: nil)! + "/" + name
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    }

    /// Every conversation in the store, oldest first.
    func conversations() throws -> [ConversationDetail] {
        try store.queueWindow(QueueQuery(includeClosed: true), offset: 0, limit: 1_000).sorted { $0.id < $1.id }.map { try store.conversation($0.id) }
    }

    func storeEmail(_ raw: [UInt8], origin: String = "test") throws -> IngestReport {
        let parsed = EmailIntake.parse(raw, origin: origin)
        return try store.intake(actor: "test", at: now) { writer in try EmailIntake(roster: roster).store(parsed, writer: writer) }
    }
}
