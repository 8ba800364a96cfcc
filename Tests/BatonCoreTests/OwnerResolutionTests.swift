import XCTest
@testable import BatonCore

/// The dedicated-pair rule, one test per case. Europe holds point 07:00–15:00 Berlin
/// (06:00–14:00 UTC in winter), the US 09:00–20:00 New York (14:00–01:00 UTC).
final class OwnerResolutionTests: XCTestCase {
    let europeMorning = utc("2026-01-12T10:00:00Z")   // ben (Europe) holds point
    let usAfternoon = utc("2026-01-12T16:00:00Z")     // erin (US) holds point
    let night = utc("2026-01-13T03:00:00Z")           // a gap: nobody holds point

    func team(hours: String = "24x7", dedicated: String? = "ana") -> TeamConfig {
        let europe = Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"])
        let us = Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"])
        return TeamConfig(storePath: ":memory:", rotation: Rotation(regions: [europe, us], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
                          engineers: ["ana", "ben"].map { Engineer(id: $0, region: "europe") } + ["dave", "erin"].map { Engineer(id: $0, region: "us") },
                          tiers: [Tier(id: "t", firstResponse: 3_600, nextResponse: 3_600, hours: hours)],
                          customers: [Customer(id: "acme", tier: "t", engineer: dedicated)])
    }

    func resolve(_ team: TeamConfig, at instant: Date) -> OwnerDecision {
        OwnerResolution.resolve(customerID: "acme", tierID: "t", team: team, point: team.rotation.holder(at: instant))
    }

    func testDedicatedEngineerOnShiftOwnsIt() {
        XCTAssertEqual(resolve(team(), at: europeMorning), OwnerDecision(owner: "ana", basis: .dedicated))
    }

    func testDedicatedEngineerOffShiftAndAnAnswerNeededNowPointOwnsAndDedicatedIsRopedIn() {
        XCTAssertEqual(resolve(team(), at: usAfternoon), OwnerDecision(owner: "erin", basis: .point, collaborators: ["ana"]))
    }

    func testDedicatedEngineerOffShiftButTheTierCanWaitKeepsIt() {
        XCTAssertEqual(resolve(team(hours: "business"), at: usAfternoon), OwnerDecision(owner: "ana", basis: .dedicated))
    }

    func testDedicatedEngineerOffShiftInAGapKeepsIt() {
        XCTAssertEqual(resolve(team(), at: night), OwnerDecision(owner: "ana", basis: .dedicated))
    }

    func testNoDedicatedEngineerPointOwnsIt() {
        XCTAssertEqual(resolve(team(dedicated: nil), at: usAfternoon), OwnerDecision(owner: "erin", basis: .point))
    }

    func testNoDedicatedEngineerInAGapNobodyOwnsIt() {
        XCTAssertEqual(resolve(team(dedicated: nil), at: night), OwnerDecision(owner: nil, basis: nil))
    }

    func testDedicatedEngineerWhoHoldsPointOwnsItAsDedicated() {
        // ana holds point in the anchor week; as the dedicated engineer she keeps it through handoffs.
        let week0 = utc("2026-01-05T10:00:00Z")
        XCTAssertEqual(resolve(team(), at: week0), OwnerDecision(owner: "ana", basis: .dedicated))
    }

    func testANewConversationGetsItsOwnerButAnOwnerGivenStays() {
        let new = NewConversation(customerID: "acme", customerName: "Acme", tierID: "t", subject: "s", source: .email, messages: [])
        let withRule = new.resolvingOwner(team: team(), at: usAfternoon)
        XCTAssertNil(withRule.ownerID, "the store decides, with its overrides")
        XCTAssertEqual(withRule.ownerRule?.at, usAfternoon)
        let resolved = withRule.decidingOwner(point: team().rotation.holder(at: usAfternoon))
        XCTAssertEqual([resolved.ownerID, resolved.ownerVia?.rawValue], ["erin", "point"])
        XCTAssertEqual(resolved.collaborators, ["ana"])
        XCTAssertNil(resolved.ownerRule)
        let covered = withRule.decidingOwner(point: Shift(region: "us", engineer: "dave", start: usAfternoon, end: night, isOverride: true))
        XCTAssertEqual(covered.ownerID, "dave", "the point holder given, an override's cover included")
        var given = new
        given.ownerID = "dave"
        XCTAssertEqual(given.resolvingOwner(team: team(), at: usAfternoon).decidingOwner(point: nil).ownerID, "dave")
    }
}

final class OwnershipTextTests: XCTestCase {
    let now = utc("2026-01-12T10:00:00Z")

    func testConflictsSayWhoAndHowLongAgo() {
        XCTAssertEqual(ActionConflict.owned(conversation: 1, by: "dave", basis: .claim, since: now.addingTimeInterval(-2)).text(now: now),
                       "dave claimed this 2 s ago; `take` it to own it instead")
        XCTAssertEqual(ActionConflict.owned(conversation: 1, by: "ana", basis: .dedicated, since: now.addingTimeInterval(-4_000)).text(now: now),
                       "ana owns this as the dedicated engineer since 1h6m ago; `take` it to own it instead")
        XCTAssertEqual(ActionConflict.changed(conversation: 1, by: nil, what: nil, at: nil).text(now: now), "someone changed this meanwhile; look again and retry")
    }

    func testPresenceSummaryNamesEachEngineerOnceReplyingFirst() {
        let entries = [Presence(engineer: "dave", conversationID: 1, activity: .viewing, heartbeatAt: now),
                       Presence(engineer: "ana", conversationID: 1, activity: .viewing, heartbeatAt: now),
                       Presence(engineer: "erin", conversationID: 1, activity: .replying, heartbeatAt: now),
                       Presence(engineer: "erin", conversationID: 1, activity: .viewing, heartbeatAt: now)]
        XCTAssertEqual(Presence.summary(entries), "erin is replying · ana and dave are viewing")
        XCTAssertEqual(Presence.summary([]), "")
    }

    func testIdentityComesFromTheUnixUserAndBatonAsOnlyOnADemoStore() {
        let team = TeamConfig(storePath: "", rotation: Rotation(regions: [], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
                              engineers: [Engineer(id: "ana", region: "europe", unixUser: "asilva"), Engineer(id: "dave", region: "us", unixUser: "dmiller")],
                              tiers: [], customers: [])
        XCTAssertEqual(Identity.resolve(unixUser: "asilva", override: nil, demoStore: false, team: team, configPath: "/etc/baton/baton.toml").engineer?.id, "ana")
        XCTAssertEqual(Identity.resolve(unixUser: "root", override: nil, demoStore: false, team: team, configPath: "/etc/baton/baton.toml").reason,
                       "you (unix user root) are not on the roster in /etc/baton/baton.toml; add unix_user = \"root\" to your [[engineer]] entry")
        XCTAssertNil(Identity.resolve(unixUser: "asilva", override: "dave", demoStore: false, team: team, configPath: "f").engineer, "not on a real store")
        XCTAssertEqual(Identity.resolve(unixUser: "asilva", override: "dave", demoStore: true, team: team, configPath: "f").engineer?.id, "dave")
    }

    func testTouchesCountDistinctTeamMembersWhoActed() {
        func event(_ actor: String, _ kind: String) -> AuditEvent { AuditEvent(id: 0, at: now, actor: actor, kind: kind, conversationID: 1, detail: "") }
        let row = QueueRow(id: 1, subject: "s", status: .open, source: .slack, customerID: nil, customerName: "A", tierID: "t", tierShort: "T",
                           ownerID: nil, createdAt: now, updatedAt: now, slaDue: nil, messageCount: 0)
        let detail = ConversationDetail(row: row, messages: [Message(id: 1, authorKind: .team, authorName: "Ben", authorID: "ben", body: "hi", createdAt: now)],
                                        events: [event("demo-feeder", "created"), event("ana", "claim"), event("ana", "reply"), event("dave", "note"),
                                                 event("demo-feeder", "status")])
        XCTAssertEqual(Touches.count(detail, engineers: ["ana", "ben", "dave"]), 3)
    }

    func testAReplyCollidesWithWhatOthersWroteMeanwhile() {
        let start = now.addingTimeInterval(0.7)  // the store keeps whole seconds: this second counts
        func message(_ id: Int64, _ name: String, _ author: String?, _ kind: AuthorKind, at offset: TimeInterval) -> Message {
            Message(id: id, authorKind: kind, authorName: name, authorID: author, body: "", createdAt: now.addingTimeInterval(offset))
        }
        let messages = [message(1, "Priya", nil, .customer, at: -60), message(2, "Ana", "ana", .team, at: 5),
                        message(3, "Priya", nil, .customer, at: 0), message(4, "Dave", "dave", .team, at: 9),
                        message(5, "Priya", nil, .customer, at: 12), message(6, "baton", nil, .system, at: 13)]
        let writers = ReplyCollision.writers(in: messages, since: start, author: "ana")
        XCTAssertEqual(writers, ["Priya", "Dave"])
        XCTAssertEqual(ReplyCollision.text(writers), "Priya and Dave wrote")
        XCTAssertEqual(ReplyCollision.writers(in: messages, since: now.addingTimeInterval(20), author: "ana"), [])
    }
}
