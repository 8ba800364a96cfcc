import XCTest
@testable import BatonCore

final class DemoTrafficTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_795_442_400)  // Mon 23 Nov 2026 14:00 UTC

    private let team: TeamConfig = {
        let europe = Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"])
        let us = Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), until: LocalTime(hour: 20, minute: 0), roster: ["dave"])
        return TeamConfig(
            storePath: "/tmp/demo.sqlite",
            rotation: Rotation(regions: [europe, us], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
            engineers: [Engineer(id: "ana", name: "Ana Lima", region: "europe"), Engineer(id: "ben", region: "europe"), Engineer(id: "dave", region: "us")],
            tiers: [Tier(id: "enterprise", firstResponse: 3_600, nextResponse: 14_400), Tier(id: "free", firstResponse: 86_400, nextResponse: 86_400)],
            customers: [Customer(id: "acme", name: "Acme", tier: "enterprise", engineer: "ana"), Customer(id: "globex", tier: "free")])
    }()

    func testSplitMix64KnownSequence() {
        // The reference outputs of SplitMix64 seeded with 0.
        var random = SeededRandom(seed: 0)
        XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(random.next(), 0x06C4_5D18_8009_454F)
    }

    func testSameSeedSameHistory() {
        var first = DemoTraffic(team: team, seed: 42)
        var second = DemoTraffic(team: team, seed: 42)
        let a = first.history(count: 50, now: now)
        let b = second.history(count: 50, now: now)
        XCTAssertEqual(a, b)
        XCTAssertEqual(first.newConversation(now: now, key: "k"), second.newConversation(now: now, key: "k"))
        XCTAssertEqual(first.followUp(now: now), second.followUp(now: now))
        XCTAssertEqual(first.reply(now: now), second.reply(now: now))
    }

    func testDifferentSeedsDiffer() {
        var first = DemoTraffic(team: team, seed: 1)
        var second = DemoTraffic(team: team, seed: 2)
        XCTAssertNotEqual(first.history(count: 20, now: now), second.history(count: 20, now: now))
    }

    func testHistoryShape() {
        var traffic = DemoTraffic(team: team, seed: 7)
        let history = traffic.history(count: 50, now: now)
        XCTAssertEqual(history.count, 50)
        XCTAssertEqual(history.map(\.externalKey), (0..<50).map { "demo:history:\($0)" })
        let customerIDs = Set(team.customers.map(\.id))
        for (index, conversation) in history.enumerated() {
            let start = conversation.messages[0].createdAt
            XCTAssertEqual(conversation.messages[0].authorKind, .customer, "a customer opens every conversation")
            XCTAssertTrue(customerIDs.contains(conversation.customerID ?? ""), "\(index)")
            XCTAssertEqual(conversation.tierID, team.customer(conversation.customerID!)?.tier)
            XCTAssertEqual(conversation.messages.map(\.createdAt), conversation.messages.map(\.createdAt).sorted(), "messages in time order")
            if index >= 40 {
                // The newest fifth: started 5 minutes to 10 hours ago and not settled.
                XCTAssertGreaterThanOrEqual(now.timeIntervalSince(start), 5 * 60)
                XCTAssertLessThanOrEqual(now.timeIntervalSince(start), 10 * 3_600)
                XCTAssertNotEqual(conversation.status, .solved)
                XCTAssertNotEqual(conversation.status, .closed)
            } else {
                XCTAssertGreaterThanOrEqual(now.timeIntervalSince(start), 86_400)
                XCTAssertLessThanOrEqual(now.timeIntervalSince(start), 14 * 86_400)
                XCTAssertTrue(conversation.status == .solved || conversation.status == .closed, "\(index): \(String(describing: conversation.status))")
                XCTAssertNotNil(conversation.ownerID, "settled conversations have an owner")
            }
            for message in conversation.messages where message.authorKind == .team {
                XCTAssertTrue(["ana", "ben", "dave"].contains(message.authorID ?? ""))
            }
            if conversation.customerID == "acme", let owner = conversation.ownerID {
                XCTAssertEqual(owner, "ana", "the dedicated engineer owns Acme's conversations")
            }
        }
    }

    func testNewConversationIsOneCustomerMessageWithoutOwner() {
        var traffic = DemoTraffic(team: team, seed: 3)
        for index in 0..<20 {
            let conversation = traffic.newConversation(now: now, key: "new:\(index)")
            XCTAssertEqual(conversation.externalKey, "new:\(index)")
            XCTAssertEqual(conversation.messages.count, 1)
            XCTAssertEqual(conversation.messages[0].authorKind, .customer)
            XCTAssertEqual(conversation.messages[0].createdAt, now)
            XCTAssertNil(conversation.ownerID)
            XCTAssertNil(conversation.status)
        }
    }

    func testFollowUpsAndReplies() {
        var traffic = DemoTraffic(team: team, seed: 9)
        let followUp = traffic.followUp(now: now)
        XCTAssertEqual(followUp.authorKind, .customer)
        XCTAssertEqual(followUp.createdAt, now)
        XCTAssertFalse(followUp.body.isEmpty)
        let reply = traffic.reply(now: now)
        XCTAssertEqual(reply.authorKind, .team)
        XCTAssertEqual(team.engineer(reply.authorID ?? "")?.name, reply.authorName)
    }
}
