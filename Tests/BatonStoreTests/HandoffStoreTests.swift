import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

/// Overrides and handoffs in a real store. The rotation is the design's: Europe (ana, ben, chiara)
/// from 07:00 Berlin, the US (dave, erin) from 09:00 New York until 20:00. The fixture's `now`,
/// Monday 23 November 2026 14:00 UTC, is 09:00 in New York: point passes from ben to dave.
final class HandoffStoreTests: StoreTestCase {
    let rotation = Rotation(regions: [
        Region(id: "europe", timeZone: TimeZone(identifier: "Europe/Berlin")!, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben", "chiara"]),
        Region(id: "us", timeZone: TimeZone(identifier: "America/New_York")!, takesPoint: LocalTime(hour: 9, minute: 0),
               until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"]),
    ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)))

    override func setUpWithError() throws {
        try super.setUpWithError()
        try syncTeam(store)
    }

    /// Acme's dedicated engineer is ben; Globex has none.
    func syncTeam(_ store: SQLiteStore) throws {
        var team = Self.team(path: store.path)
        team.engineers = ["ana", "ben", "chiara", "dave", "erin"].map { Engineer(id: $0, region: ["dave", "erin"].contains($0) ? "us" : "europe") }
        team.customers = [Customer(id: "acme", name: "Acme", tier: "enterprise", engineer: "ben"), Customer(id: "globex", name: "Globex", tier: "enterprise")]
        try store.syncTeam(team)
    }

    func at(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    /// A conversation owned by `owner` for the reason `via`.
    @discardableResult
    func owned(_ subject: String, by owner: String?, via: OwnerBasis?, customer: String = "Globex", tier: String = "enterprise",
               minutesAgo: Double = 30, status: ConversationStatus? = nil, in store: SQLiteStore? = nil) throws -> Int64 {
        var new = conversation(subject, minutesAgo: minutesAgo, tier: tier, customer: customer, owner: owner, status: status)
        new.ownerVia = via
        return try (store ?? self.store).createConversation(new, actor: "ingest", at: now.addingTimeInterval(-minutesAgo * 60))
    }

    func owner(_ id: Int64) throws -> String? { try store.conversation(id).row.ownerID }

    struct LoggedEvent: Equatable {
        var actor: String
        var kind: String
        var conversation: Int64?
        var detail: String
    }

    func events(_ store: SQLiteStore? = nil) throws -> [LoggedEvent] {
        try (store ?? self.store).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY id").map {
                LoggedEvent(actor: $0["actor"], kind: $0["kind"], conversation: $0["conversation_id"], detail: $0["detail"])
            }
        }
    }

    func moves() throws -> [[Int64]] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT boundary_at, conversation_id FROM handoff_moves ORDER BY boundary_at, conversation_id").map { [$0[0], $0[1]] }
        }
    }

    // MARK: overrides

    func testOverridesAreAddedListedAndRemovedWithTheirActor() throws {
        let first = Override(engineer: "ana", replaces: "ben", start: at("2026-11-24T08:00:00Z"), end: at("2026-11-24T12:00:00Z"), reason: "dentist")
        let second = Override(engineer: "erin", replaces: "dave", start: at("2026-11-26T14:00:00Z"), end: at("2026-11-28T00:00:00Z"), reason: "Thanksgiving")
        let firstID = try store.addOverride(first, actor: "chiara", at: now)
        let secondID = try store.addOverride(second, actor: "dave", at: now)
        XCTAssertNotEqual(firstID, secondID)
        var stored = [first, second]
        stored[0].id = firstID
        stored[1].id = secondID
        (stored[0].madeBy, stored[0].madeAt) = ("chiara", now)
        (stored[1].madeBy, stored[1].madeAt) = ("dave", now)
        XCTAssertEqual(try store.overrides(), stored)
        XCTAssertEqual(try store.overrides(from: nil, to: nil), stored)
        XCTAssertEqual(try store.rotationWithOverrides(rotation).overrides, stored)

        // Overlap with [from, to), half open at both ends.
        XCTAssertEqual(try store.overrides(from: at("2026-11-24T12:00:00Z"), to: at("2026-11-26T14:00:00Z")), [])
        XCTAssertEqual(try store.overrides(from: at("2026-11-24T11:59:59Z"), to: at("2026-11-26T14:00:00Z")), [stored[0]])
        XCTAssertEqual(try store.overrides(from: at("2026-11-24T12:00:00Z"), to: at("2026-11-26T14:00:01Z")), [stored[1]])
        XCTAssertEqual(try store.overrides(from: at("2026-11-27T00:00:00Z"), to: nil), [stored[1]])
        XCTAssertEqual(try store.overrides(from: nil, to: at("2026-11-25T00:00:00Z")), [stored[0]])

        XCTAssertEqual(try events().filter { $0.kind == "override" }.map(\.actor), ["chiara", "dave"])
        XCTAssertTrue(try events().first { $0.kind == "override" }!.detail.hasPrefix("#\(firstID): ana for ben"))

        try store.removeOverride(id: firstID, actor: "ben", at: now)
        XCTAssertEqual(try store.overrides(), [stored[1]])
        let removed = try events().last!
        XCTAssertEqual(removed.kind, "override removed")
        XCTAssertEqual(removed.actor, "ben")
        XCTAssertTrue(removed.detail.contains("ana for ben"), "the event keeps what it was")
        let kept = try store.overrides(includingRemoved: true)
        XCTAssertEqual(kept.map(\.id), [firstID, secondID], "the removed one stays on record")
        XCTAssertEqual(kept[0].removedBy, "ben")
        XCTAssertEqual(kept[0].removedAt, now)
        XCTAssertNil(kept[1].removedBy)
        XCTAssertThrowsError(try store.removeOverride(id: firstID, actor: "ben", at: now), "removed once") { error in
            XCTAssertEqual(error as? StoreError, .noOverride(firstID))
        }
    }

    func testRemovingAMissingOverrideThrowsAndWritesNothing() throws {
        let before = try events()
        XCTAssertThrowsError(try store.removeOverride(id: 42, actor: "ana", at: now)) { error in
            XCTAssertEqual(error as? StoreError, .noOverride(42))
            XCTAssertTrue("\(error)".contains("no override 42"))
        }
        XCTAssertEqual(try events(), before)
    }

    func testAnOverrideThatEndsBeforeItStartsIsRefused() throws {
        let backwards = Override(engineer: "ana", replaces: "ben", start: at("2026-11-24T12:00:00Z"), end: at("2026-11-24T08:00:00Z"))
        XCTAssertThrowsError(try store.addOverride(backwards, actor: "ana", at: now))
        XCTAssertEqual(try store.overrides(), [])
        XCTAssertEqual(try events().filter { $0.kind == "override" }, [], "the event rolled back with the row")
    }

    // MARK: running handoffs

    func testAHandoffMovesOnlyTheOutgoingEngineersPointConversations() throws {
        let moved = try owned("ben's by point", by: "ben", via: .point)
        let noCustomer = try owned("ben's by point, customer not in the config", by: "ben", via: .point, customer: "Initech")
        let dedicated = try owned("Acme's, ben is their engineer", by: "ben", via: .point, customer: "Acme")
        let dedicatedVia = try owned("Acme's, dedicated", by: "ben", via: .dedicated, customer: "Acme")
        let claimed = try owned("ben claimed it", by: "ben", via: .claim)
        let assigned = try owned("assigned to ben", by: "ben", via: .assign)
        let solved = try owned("solved", by: "ben", via: .point, status: .solved)
        let pending = try owned("pending on the customer", by: "ben", via: .point, status: .pending)
        let someoneElse = try owned("ana's by point", by: "ana", via: .point)
        let unowned = try owned("nobody's", by: nil, via: nil)
        let legacy = try owned("ben's, reason unknown", by: "ben", via: nil)
        let versionBefore = try store.conversation(moved).row.version
        let eventsBefore = try events().count

        let records = try store.runDueHandoffs(rotation, now: now)
        XCTAssertEqual(records, [HandoffRecord(boundary: at("2026-11-23T14:00:00Z"), fromRegion: "europe", fromEngineer: "ben",
                                               toRegion: "us", toEngineer: "dave", moved: 3, ranAt: now)])
        XCTAssertEqual(try owner(moved), "dave")
        XCTAssertEqual(try owner(noCustomer), "dave")
        XCTAssertEqual(try owner(pending), "dave", "pending is still open")
        for id in [dedicated, dedicatedVia, claimed, assigned, solved, legacy] { XCTAssertEqual(try owner(id), "ben", "#\(id)") }
        XCTAssertEqual(try owner(someoneElse), "ana")
        XCTAssertNil(try owner(unowned))
        XCTAssertEqual(try store.conversation(moved).row.version, versionBefore + 1)

        // One event per moved conversation, by the rotation, and one for the handoff itself.
        let new = try events().dropFirst(eventsBefore)
        XCTAssertEqual(new.filter { $0.conversation != nil }.map(\.conversation), [moved, noCustomer, pending])
        XCTAssertTrue(new.allSatisfy { $0.actor == "rotation" && $0.kind == "handoff" })
        XCTAssertEqual(new.filter { $0.conversation == nil }.count, 1)
        XCTAssertTrue(try store.conversation(moved).events.last!.detail.contains("ben → dave"))
        let boundary = Int64(at("2026-11-23T14:00:00Z").timeIntervalSince1970)
        XCTAssertEqual(try moves(), [[boundary, moved], [boundary, noCustomer], [boundary, pending]])
        XCTAssertEqual(try store.handoffs(), records)
    }

    func testRunningAgainDoesNothingMoreInThisOrAnotherConnection() throws {
        let id = try owned("ben's by point", by: "ben", via: .point)
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now).count, 1)
        let after = try events()
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now), [])
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now.addingTimeInterval(3_600)), [], "no boundary since")
        let other = try SQLiteStore(path: store.path)
        XCTAssertEqual(try other.runDueHandoffs(rotation, now: now.addingTimeInterval(60)), [])
        XCTAssertEqual(try events(), after)
        XCTAssertEqual(try store.handoffs().count, 1)
        XCTAssertEqual(try owner(id), "dave")
        XCTAssertEqual(try store.conversation(id).events.filter { $0.actor == "rotation" }.count, 1)
    }

    func testMissedBoundariesRunInOrderWithTheirRealTimes() throws {
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now).map(\.toEngineer), ["dave"])
        let id = try owned("dave's by point", by: "dave", via: .point)
        // Nobody ran baton from Monday 14:00 until Wednesday 15:00.
        let late = at("2026-11-25T15:00:00Z")
        let records = try store.runDueHandoffs(rotation, now: late)
        XCTAssertEqual(records.map(\.boundary), [at("2026-11-24T06:00:00Z"), at("2026-11-24T14:00:00Z"), at("2026-11-25T06:00:00Z"), at("2026-11-25T14:00:00Z")])
        XCTAssertEqual(records.map { "\($0.fromEngineer ?? "-")→\($0.toEngineer ?? "-")" }, ["dave→ben", "ben→dave", "dave→ben", "ben→dave"])
        XCTAssertEqual(records.map(\.moved), [1, 1, 1, 1])
        XCTAssertTrue(records.allSatisfy { $0.ranAt == late })
        XCTAssertEqual(try owner(id), "dave")
        let details = try store.conversation(id).events.filter { $0.actor == "rotation" }.map(\.detail)
        XCTAssertEqual(details.count, 4)
        XCTAssertTrue(details[0].contains("dave → ben") && details[0].contains("2026-11-24T06:00:00Z"), details[0])
        XCTAssertTrue(details[3].contains("ben → dave") && details[3].contains("2026-11-25T14:00:00Z"), details[3])
        XCTAssertEqual(try store.handoffs().map(\.boundary).first, at("2026-11-25T14:00:00Z"), "newest first")
        XCTAssertEqual(try store.handoffs().count, 5)
    }

    func testTheFirstRunOnAFreshStoreRunsOnlyTheLatestHandoff() throws {
        let id = try owned("ben's by point", by: "ben", via: .point)
        // Sunday 29 November: the latest boundary is Friday 27 November 14:00 UTC, ben → dave.
        let sunday = at("2026-11-29T12:00:00Z")
        let records = try store.runDueHandoffs(rotation, now: sunday)
        XCTAssertEqual(records, [HandoffRecord(boundary: at("2026-11-27T14:00:00Z"), fromRegion: "europe", fromEngineer: "ben",
                                               toRegion: "us", toEngineer: "dave", moved: 1, ranAt: sunday)])
        XCTAssertEqual(try owner(id), "dave")
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: sunday), [])
    }

    func testAHandoffIsDueAtItsBoundaryAndNotBefore() throws {
        // Monday 06:00 UTC: erin (Friday's US shift) → ben. At 13:59:59 the next one is not due yet.
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: at("2026-11-23T06:00:00Z")).map(\.toEngineer), ["ben"])
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: at("2026-11-23T13:59:59Z")), [])
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: at("2026-11-23T14:00:00Z")).map(\.toEngineer), ["dave"])
    }

    func testStoredOverridesDecideWhoTakesPoint() throws {
        let id = try owned("ben's by point", by: "ben", via: .point)
        try store.addOverride(Override(engineer: "erin", replaces: "dave", start: at("2026-11-23T14:00:00Z"), end: at("2026-11-23T16:00:00Z")),
                              actor: "dave", at: now.addingTimeInterval(-3_600))
        // The rotation passed in has no overrides; the store's are the ones that count.
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now).map(\.toEngineer), ["erin"])
        XCTAssertEqual(try owner(id), "erin")
        let records = try store.runDueHandoffs(rotation, now: at("2026-11-23T16:00:00Z"))
        XCTAssertEqual(records.map { "\($0.fromEngineer ?? "-")→\($0.toEngineer ?? "-")" }, ["erin→dave"])
        XCTAssertEqual(try owner(id), "dave")
    }

    // MARK: the report

    func testTheHandoffReport() throws {
        XCTAssertNil(try store.handoffReport(for: nil, now: now), "no handoff has run")
        // The morning handoff, erin → ben, then the notes and the queue, then the afternoon one.
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: at("2026-11-23T06:00:00Z")).count, 1)
        try store.addHandoffNote(author: "erin", body: "for ben: Acme is fine now", at: at("2026-11-23T05:50:00Z"))
        try store.addHandoffNote(author: "ben", body: "Globex's router issue: waiting on a pcap", at: at("2026-11-23T13:30:00Z"))
        let transferredSoon = try owned("transferred, due in 30 min", by: "ben", via: .point, minutesAgo: 30)
        let transferredLater = try owned("transferred, due in 2 days", by: "ben", via: .point, tier: "free", minutesAgo: 30)
        let unownedSoon = try owned("unowned, due in 50 min", by: nil, via: nil, minutesAgo: 10)
        let overdue = try owned("unowned, overdue", by: nil, via: nil, minutesAgo: 90)
        try owned("ana's, due soon", by: "ana", via: .claim, minutesAgo: 30)
        try owned("unowned, due in 2 days", by: nil, via: nil, tier: "free", minutesAgo: 30)
        try owned("unowned, solved", by: nil, via: nil, minutesAgo: 90, status: .solved)
        try owned("Acme's stays with ben", by: "ben", via: .point, customer: "Acme", minutesAgo: 30)
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now).map(\.moved), [2])

        let report = try XCTUnwrap(try store.handoffReport(for: "dave", now: now))
        XCTAssertEqual(report.handoff.boundary, now)
        XCTAssertEqual(report.handoff.fromEngineer, "ben")
        XCTAssertEqual(report.handoff.toEngineer, "dave")
        XCTAssertEqual(Set(report.transferred.map(\.id)), [transferredSoon, transferredLater])
        XCTAssertEqual(report.breachingSoon.map(\.id), [overdue, transferredSoon, unownedSoon], "theirs or unowned, soonest first")
        XCTAssertEqual(report.notes.map(\.author), ["ben"], "only notes since the handoff before it")
        XCTAssertEqual(report.notes.first?.body, "Globex's router issue: waiting on a pcap")
        XCTAssertEqual(try store.handoffReport(for: nil, now: now)?.handoff.toEngineer, "dave", "the latest handoff")

        // ben's own report is the morning's, with nothing moved to him (nobody held point over the weekend).
        let morning = try XCTUnwrap(try store.handoffReport(for: "ben", now: now))
        XCTAssertEqual(morning.handoff.boundary, at("2026-11-23T06:00:00Z"))
        XCTAssertEqual(morning.transferred, [])
        XCTAssertNil(try store.handoffReport(for: "ana", now: now))
    }

    func testTheReportWindowForBreachesIsTwoHours() throws {
        try store.runDueHandoffs(rotation, now: now)
        // Enterprise: first response within an hour of the customer's message.
        let inTwoHours = try owned("due in exactly 2 h", by: nil, via: nil, minutesAgo: -60)
        let later = try owned("due in 2 h 1 min", by: nil, via: nil, minutesAgo: -61)
        let report = try XCTUnwrap(try store.handoffReport(for: "dave", now: now))
        XCTAssertTrue(report.breachingSoon.map(\.id).contains(inTwoHours))
        XCTAssertFalse(report.breachingSoon.map(\.id).contains(later))
    }

    func testMarkHandoffSeenIsTrueOnce() throws {
        XCTAssertFalse(try store.markHandoffSeen(by: "dave", at: now), "no handoff yet")
        try store.runDueHandoffs(rotation, now: now)
        XCTAssertFalse(try store.markHandoffSeen(by: "ana", at: now), "not a handoff to ana")
        XCTAssertTrue(try store.markHandoffSeen(by: "dave", at: now.addingTimeInterval(60)))
        XCTAssertFalse(try store.markHandoffSeen(by: "dave", at: now.addingTimeInterval(120)))
        XCTAssertEqual(try store.handoffReport(for: "dave", now: now)?.handoff.seenAt, now.addingTimeInterval(60))
        // The next handoff to dave is new again: Tuesday 14:00.
        try store.runDueHandoffs(rotation, now: at("2026-11-24T14:00:00Z"))
        XCTAssertTrue(try store.markHandoffSeen(by: "dave", at: at("2026-11-24T14:05:00Z")))
        XCTAssertFalse(try store.markHandoffSeen(by: "dave", at: at("2026-11-24T14:06:00Z")))
    }

    // MARK: two processes at once

    func testTwoConnectionsRacingRunTheHandoffOnce() throws {
        for round in 0..<4 {
            let path = folder + "/race-\(round).sqlite"
            let first = try SQLiteStore(path: path)
            try syncTeam(first)
            let ids = try (0..<5).map { try owned("ben's #\($0)", by: "ben", via: .point, in: first) }
            let second = try SQLiteStore(path: path)
            let rotation = self.rotation
            let now = self.now
            let gate = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            let results = RaceResults()
            for store in [first, second] {
                done.enter()
                DispatchQueue.global().async {
                    gate.wait()
                    do { results.add(try store.runDueHandoffs(rotation, now: now)) } catch { results.fail(error) }
                    done.leave()
                }
            }
            gate.signal()
            gate.signal()
            XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
            XCTAssertEqual(results.errors, [], "round \(round)")
            XCTAssertEqual(results.records.map(\.count).sorted(), [0, 1], "round \(round): exactly one connection ran it")
            let events = try self.events(first)
            XCTAssertEqual(events.filter { $0.actor == "rotation" && $0.conversation != nil }.count, ids.count, "round \(round)")
            XCTAssertEqual(events.filter { $0.actor == "rotation" && $0.conversation == nil }.count, 1, "round \(round)")
            for id in ids { XCTAssertEqual(try first.conversation(id).row.ownerID, "dave") }
            XCTAssertEqual(try second.handoffs().count, 1)
        }
    }

    // MARK: work that arrives in a gap (issue 11, item 2)

    /// The US holds point until 20:00 New York (01:00 UTC); Europe takes it at 07:00 Berlin
    /// (06:00 UTC): Tuesday 24 November 01:00–06:00 UTC nobody holds point, and at 06:00 dave → ben.
    func testTheHandoffThatEndsAGapGivesTheIncomingEngineerWhatArrivedInItStillUnowned() throws {
        try store.runDueHandoffs(rotation, now: now)
        let inGap = try owned("arrived at 02:00", by: nil, via: nil, minutesAgo: -12 * 60)
        let released = try owned("claimed and released at 03:00", by: nil, via: nil, minutesAgo: -13 * 60)
        _ = try store.claim(released, actor: "erin", at: at("2026-11-24T03:00:00Z"))
        _ = try store.release(released, actor: "erin", at: at("2026-11-24T03:05:00Z"))
        let claimed = try owned("claimed in the gap", by: nil, via: nil, minutesAgo: -14 * 60)
        _ = try store.claim(claimed, actor: "erin", at: at("2026-11-24T04:00:00Z"))
        let beforeGap = try owned("unowned since 23:00 Monday", by: nil, via: nil, minutesAgo: -9 * 60)
        let solved = try owned("solved in the gap", by: nil, via: nil, minutesAgo: -12 * 60, status: .solved)

        let records = try store.runDueHandoffs(rotation, now: at("2026-11-24T06:30:00Z"))
        XCTAssertEqual(records.map { "\($0.fromEngineer ?? "-")→\($0.toEngineer ?? "-")" }, ["dave→ben"])
        XCTAssertEqual(records.first?.arrivedInGap, 1)
        XCTAssertEqual(try owner(inGap), "ben")
        XCTAssertEqual(try store.conversation(inGap).row.ownerVia, .point, "point's work: the next handoff moves it on")
        XCTAssertNil(try owner(released), "released by hand stays unowned")
        XCTAssertEqual(try owner(claimed), "erin")
        XCTAssertNil(try owner(beforeGap), "arrived while dave held point: not the gap's")
        XCTAssertNil(try owner(solved))
        let given = try events().filter { $0.conversation == inGap && $0.kind == "handoff" }
        XCTAssertEqual(given.map(\.actor), ["rotation"])
        XCTAssertEqual(given.first?.detail, "owner — → ben, arrived in the gap before point passed at 2026-11-24T06:00:00Z")
        XCTAssertEqual(try events().last?.detail, "point dave → ben at 2026-11-24T06:00:00Z, 0 moved, 1 from the gap")

        let report = try XCTUnwrap(try store.handoffReport(for: "ben", now: at("2026-11-24T06:30:00Z")))
        XCTAssertEqual(report.arrivedInGap.map(\.id), [inGap])
        XCTAssertEqual(report.transferred.map(\.id), [])
        XCTAssertEqual(report.handoff.arrivedInGap, 1)
        var team = Self.team(path: store.path)
        team.rotation = rotation
        let text = HandoffReportText.lines(report, team: team, now: at("2026-11-24T06:30:00Z"), zone: TimeZone(identifier: "UTC")!)
        let heading = try XCTUnwrap(text.firstIndex(of: "Arrived while nobody held point, now ben's: 1"), text.joined(separator: "\n"))
        XCTAssertTrue(text[heading + 1].contains("arrived at 02:00"), text[heading + 1])
    }

    func testAHandoffWithoutAGapGivesNothingUnowned() throws {
        try store.runDueHandoffs(rotation, now: at("2026-11-23T06:00:00Z"))
        let unowned = try owned("unowned at 13:00", by: nil, via: nil, minutesAgo: 60)
        let records = try store.runDueHandoffs(rotation, now: now)
        XCTAssertEqual(records.map(\.arrivedInGap), [0])
        XCTAssertNil(try owner(unowned), "ben → dave has no gap between: unowned work stays in the queue")
    }

    // MARK: notices of cover (issue 11, item 2)

    func testAnOverrideLeavesANoticeForTheEngineerItPutsOnPoint() throws {
        let id = try store.addOverride(Override(engineer: "erin", replaces: "dave", start: at("2026-11-26T14:00:00Z"), end: at("2026-11-28T00:00:00Z"),
                                                reason: "Thanksgiving"), actor: "dave", at: now)
        let notices = try store.unseenPointNotices(for: "erin")
        XCTAssertEqual(notices.map(\.override.id), [id])
        XCTAssertEqual(notices.first?.text(in: TimeZone(identifier: "UTC")!),
                       "You hold point for dave from Thu 26 Nov 14:00 to Sat 28 Nov 00:00 GMT (set by dave: Thanksgiving)")
        XCTAssertEqual(try store.unseenPointNotices(for: "dave"), [], "only the one put on point")
        XCTAssertEqual(try store.markPointNoticesSeen(for: "erin", at: now), 1)
        XCTAssertEqual(try store.unseenPointNotices(for: "erin"), [], "shown once")

        let second = try store.addOverride(Override(engineer: "erin", replaces: "dave", start: at("2026-12-01T14:00:00Z"), end: at("2026-12-02T00:00:00Z")),
                                           actor: "lead", at: now)
        try store.removeOverride(id: second, actor: "lead", at: now)
        XCTAssertEqual(try store.unseenPointNotices(for: "erin"), [], "cover that was taken back is not announced")
    }
}

/// What the racing threads report.
private final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var _records: [[HandoffRecord]] = []
    private var _errors: [String] = []
    func add(_ records: [HandoffRecord]) { lock.lock(); _records.append(records); lock.unlock() }
    func fail(_ error: Error) { lock.lock(); _errors.append("\(error)"); lock.unlock() }
    var records: [[HandoffRecord]] { lock.lock(); defer { lock.unlock() }; return _records }
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return _errors }
}
