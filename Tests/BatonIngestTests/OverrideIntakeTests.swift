import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Issue 11, item 1: with "ben covers chiara" stored, every intake path gives new work to
/// ben, through the real store and the real importers. Each test fails if its path asks
/// the configured rotation (chiara) instead of the rotation with the stored overrides.
final class OverrideIntakeTests: IngestTestCase {
    /// Europe holds point every day from 07:00 Berlin with chiara rostered; ben covers her
    /// for the whole week of `now` (Mon 23 Nov 2026 14:00 UTC).
    var team: TeamConfig {
        var team = Self.team
        team.engineers.append(Engineer(id: "chiara", name: "Chiara", region: "europe"))
        team.rotation = Rotation(regions: [Region(id: "europe", timeZone: TimeZone(identifier: "Europe/Berlin")!, takesPoint: LocalTime(hour: 7, minute: 0),
                                                  days: [1, 2, 3, 4, 5, 6, 7], roster: ["chiara"])],
                                 settings: Self.team.rotation.settings)
        return team
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.syncTeam(team)
        try store.addOverride(Override(engineer: "ben", replaces: "chiara", start: now.addingTimeInterval(-2 * 86_400), end: now.addingTimeInterval(5 * 86_400),
                                       reason: "chiara is away"), actor: "lead", at: now.addingTimeInterval(-3 * 86_400))
        XCTAssertEqual(team.rotation.holder(at: now)?.engineer, "chiara", "without the override chiara would hold point")
    }

    /// Globex has no dedicated engineer: whoever holds point owns what it sends.
    func assertBenOwnsGlobex(_ message: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let globex = try conversations().filter { $0.row.customerName == "Globex" }
        XCTAssertEqual(globex.count, 1, message, file: file, line: line)
        XCTAssertEqual(globex.first?.row.ownerID, "ben", message, file: file, line: line)
        XCTAssertEqual(globex.first?.row.ownerVia, .point, message, file: file, line: line)
    }

    func testMailGoesToTheCoveringEngineer() throws {
        let mail = Array("""
            From: Dana <dana@globex.com>\r
            To: support@example-corp.com\r
            Subject: Invoice wrong\r
            Date: Mon, 23 Nov 2026 13:00:00 +0000\r
            Message-ID: <cover-1@globex.com>\r
            \r
            The invoice is wrong.\r

            """.utf8)
        _ = try store.intake(actor: "test", at: now) { writer in
            try EmailIntake(roster: Roster(team: team)).store(EmailIntake.parse(mail, origin: "test"), writer: writer)
        }
        try assertBenOwnsGlobex()
        let created = try conversations()[0].events.first { $0.kind == "created" }
        XCTAssertEqual(created?.detail, "from email, owner ben (point)", "the log says who got it")
    }

    func testASlackThreadGoesToTheCoveringEngineer() throws {
        let export = folder + "/export"
        try FileManager.default.createDirectory(atPath: export + "/globex-support", withIntermediateDirectories: true)
        try #"[{"id": "C0GLOBEX1", "name": "globex-support", "created": 1795000000, "members": ["U0DANA01"]}]"#
            .write(toFile: export + "/channels.json", atomically: true, encoding: .utf8)
        try #"[{"id": "U0DANA01", "name": "dana", "real_name": "Dana", "is_bot": false, "profile": {"real_name": "Dana", "email": "dana@globex.com"}}]"#
            .write(toFile: export + "/users.json", atomically: true, encoding: .utf8)
        try #"[{"type": "message", "user": "U0DANA01", "text": "The dashboard is blank since noon.", "ts": "1795438800.000100"}]"#
            .write(toFile: export + "/globex-support/2026-11-23.json", atomically: true, encoding: .utf8)
        let report = try SlackExportImport.run(try SlackExport(path: export), roster: Roster(team: team), store: store, actor: "test", now: now)
        XCTAssertEqual(report.conversationsCreated, 1, "\(report.problems)")
        try assertBenOwnsGlobex()
    }

    func testAnNPSDetractorGoesToTheCoveringEngineer() throws {
        let csv = "time,email,score,comment\n2026-11-23T13:00:00Z,dana@globex.com,2,Nobody answers\n"
        // Received now (issue 10: the time baton received an answer picks its owner).
        let report = try NPSImport.run(csv: csv, name: "nps.csv", roster: Roster(team: team), store: store, actor: "test", now: { self.now })
        XCTAssertEqual(report.conversationsCreated, 1, "\(report.problems)")
        try assertBenOwnsGlobex()
    }

    /// The demo feeder (`baton demo-feed`) writes what DemoTraffic makes, with the rule attached, through the store.
    func testTheDemoFeedersConversationsGoToTheCoveringEngineer() throws {
        var traffic = DemoTraffic(team: team, seed: 7)
        for index in 0..<12 {
            let new = traffic.newConversation(now: now, key: "demo:live:\(index)").resolvingOwner(team: team, at: now)
            try store.createConversation(new, actor: "demo-feeder", at: now)
        }
        let byPoint = try conversations().filter { $0.row.ownerVia == .point }
        XCTAssertFalse(byPoint.isEmpty, "some of the feeder's conversations are point's")
        XCTAssertEqual(Set(byPoint.map(\.row.ownerID)), ["ben"])
        XCTAssertFalse(try conversations().contains { $0.row.ownerID == "chiara" })
    }

    /// Outside the override's interval the roster counts again: the override is read at the
    /// instant the mail arrived (its received time, issue 10), not at its Date header.
    func testMailFromBeforeTheOverrideGoesToTheRosteredEngineer() throws {
        let mail = Array("""
            From: Dana <dana@globex.com>\r
            Subject: Old\r
            Date: Thu, 19 Nov 2026 13:00:00 +0000\r
            Message-ID: <cover-0@globex.com>\r
            \r
            Late delivery.\r

            """.utf8)
        _ = try store.intake(actor: "test", at: now) { writer in
            try EmailIntake(roster: Roster(team: team)).store(EmailIntake.parse(mail, origin: "test", arrival: .at(now.addingTimeInterval(-4 * 86_400))), writer: writer)
        }
        XCTAssertEqual(try conversations().first?.row.ownerID, "chiara")
    }

    /// A Date header from before the override does not pick the owner: the mail arrived now.
    func testAnOldDateHeaderDoesNotPickTheOwner() throws {
        let mail = Array("""
            From: Dana <dana@globex.com>\r
            Subject: Old\r
            Date: Thu, 19 Nov 2026 13:00:00 +0000\r
            Message-ID: <cover-1@globex.com>\r
            \r
            Late delivery.\r

            """.utf8)
        _ = try store.intake(actor: "test", at: now) { writer in
            try EmailIntake(roster: Roster(team: team)).store(EmailIntake.parse(mail, origin: "test", arrival: .at(now)), writer: writer)
        }
        XCTAssertEqual(try conversations().first?.row.ownerID, "ben")
    }
}
