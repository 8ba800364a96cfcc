import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Mail that comes in gets its owner by the dedicated-pair rule, as the issue on ownership says.
final class IngestOwnershipTests: IngestTestCase {
    /// The fixture team, with Europe (ben on call) holding point every day from 07:00 Berlin.
    var teamWithPoint: TeamConfig {
        var team = Self.team
        team.rotation = Rotation(regions: [Region(id: "europe", timeZone: TimeZone(identifier: "Europe/Berlin")!, takesPoint: LocalTime(hour: 7, minute: 0),
                                                  days: [1, 2, 3, 4, 5, 6, 7], roster: ["ben"])],
                                 settings: Self.team.rotation.settings)
        return team
    }

    func mail(from sender: String, subject: String) -> [UInt8] {
        Array("""
            From: \(sender)\r
            To: support@example-corp.com\r
            Subject: \(subject)\r
            Date: Mon, 23 Nov 2026 13:00:00 +0000\r
            Message-ID: <\(UUID().uuidString)@example>\r
            \r
            Help, please.\r

            """.utf8)
    }

    func testTheDedicatedEngineerOwnsTheirCustomersMailAndPointOwnsTheRest() throws {
        let roster = Roster(team: teamWithPoint)
        for (sender, subject) in [("priya@acme.io", "Router drops"), ("dana@globex.com", "Invoice wrong")] {
            let parsed = EmailIntake.parse(mail(from: sender, subject: subject), origin: "test")
            _ = try store.intake(actor: "test", at: now) { writer in try EmailIntake(roster: roster).store(parsed, writer: writer) }
        }
        let owners = Dictionary(uniqueKeysWithValues: try conversations().map { ($0.row.customerName, ($0.row.ownerID, $0.row.ownerVia)) })
        XCTAssertEqual(owners["Acme"]?.0, "ana")
        XCTAssertEqual(owners["Acme"]?.1, .dedicated)
        XCTAssertEqual(owners["Globex"]?.0, "ben", "no dedicated engineer: whoever holds point")
        XCTAssertEqual(owners["Globex"]?.1, .point)
    }
}
