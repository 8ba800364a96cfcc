import BatonCore
import BatonStore
import Foundation
import XCTest

/// The fixtures every conformance suite shares (a store of the backend under test, the
/// team, conversations), with no test of its own, so that a suite built on it runs only its
/// own cases (test discovery lists inherited test methods too).
class StoreFixtures: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_442_400)  // Mon 23 Nov 2026 14:00 UTC
    var folder: String!

    /// A new, empty store of this backend, migrated. SQLite: a file in a temporary folder.
    func makeStore() throws -> StoreBackend {
        try openStore(location: folder + "/baton.sqlite")
    }

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-conformance-\(UUID().uuidString)"
        // 0700: the store refuses a folder others can read.
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Europe (ana, ben) from 07:00 Berlin, the US (dave, erin) from 09:00 New York until 20:00.
    /// `now` is 09:00 in New York: point passes from Europe to dave.
    let rotation = Rotation(regions: [
        Region(id: "europe", timeZone: TimeZone(identifier: "Europe/Berlin")!, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"]),
        Region(id: "us", timeZone: TimeZone(identifier: "America/New_York")!, takesPoint: LocalTime(hour: 9, minute: 0),
               until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"]),
    ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)))

    func team(_ store: StoreBackend) -> TeamConfig {
        TeamConfig(storePath: store.location.description, rotation: rotation,
                   engineers: ["ana", "ben", "dave", "erin"].map { Engineer(id: $0, region: ["dave", "erin"].contains($0) ? "us" : "europe") },
                   tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600),
                           Tier(id: "free", short: "FREE", firstResponse: 2 * 86_400, nextResponse: 3 * 86_400, rank: 1)],
                   customers: [Customer(id: "acme", name: "Acme", tier: "enterprise"), Customer(id: "globex", name: "Globex", tier: "free")])
    }

    /// A store with the fixture team mirrored into it.
    func teamStore() throws -> StoreBackend {
        let store = try makeStore()
        try store.syncTeam(team(store))
        return store
    }

    func conversation(_ subject: String, minutesAgo: Double, tier: String = "enterprise", customer: String = "Acme",
                      owner: String? = nil, body: String = "hello", key: String? = nil, messageKey: String? = nil) -> NewConversation {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return NewConversation(externalKey: key, customerID: customer.lowercased(), customerName: customer, tierID: tier, subject: subject,
                               source: .email, ownerID: owner,
                               messages: [NewMessage(externalKey: messageKey, authorKind: .customer, authorName: "Priya", body: body, createdAt: at)])
    }

}

/// The store's promises, written once against the protocols (`StoreBackend`) and run
/// against every backend: this class runs them on SQLite; `PostgresStoreConformanceTests`
/// overrides `makeStore()` and runs the same cases on a PostgreSQL server.
class StoreConformance: StoreFixtures {
    // MARK: - queue window and counts

    func testQueueWindowIsOrderedByDeadlineAndCounted() throws {
        let store = try teamStore()
        let late = try store.createConversation(conversation("free, asked an hour ago", minutesAgo: 60, tier: "free", customer: "Globex"), actor: "t", at: now)
        let urgent = try store.createConversation(conversation("enterprise, 50 minutes ago", minutesAgo: 50), actor: "t", at: now)
        let breached = try store.createConversation(conversation("enterprise, 2 hours ago", minutesAgo: 120, owner: "ana"), actor: "t", at: now)
        XCTAssertEqual(try store.queueWindow(QueueQuery(), offset: 0, limit: 10).map(\.id), [breached, urgent, late])
        XCTAssertEqual(try store.queueWindow(QueueQuery(), offset: 1, limit: 1).map(\.id), [urgent])
        XCTAssertEqual(try store.queueSize(QueueQuery()), 3)
        XCTAssertEqual(try store.queuePosition(of: late, QueueQuery()), 2)
        let counts = try store.queueCounts(now: now)
        XCTAssertEqual(counts.open, 3)
        XCTAssertEqual(counts.unowned, 2)
        XCTAssertEqual(counts.breaching, 1)
        XCTAssertEqual(counts.atRisk, 1, "due in 10 minutes, inside the 15-minute warning")
        let row = try XCTUnwrap(try store.queueWindow(QueueQuery(), offset: 0, limit: 1).first)
        XCTAssertEqual(row.ownerID, "ana")
        XCTAssertEqual(row.tierShort, "ENT")
        XCTAssertEqual(row.slaDue, now.addingTimeInterval(-60 * 60))
    }

    /// Every window of a longer queue is its slice of the whole, in deadline order (equal
    /// deadlines by id, those owing nothing last), and every row's position is its index:
    /// with no filter, with one, and with closed conversations counted in. PostgreSQL seeks
    /// a window by its first row's key rather than by OFFSET (issue 16), so this holds it to
    /// OFFSET's answer on every backend.
    func testEveryWindowIsItsSliceOfTheQueue() throws {
        let store = try teamStore()
        var ids: [Int64] = []
        for index in 0..<20 {
            // Two at each minute: the same deadline, so the id decides.
            let globex = index % 3 == 0
            ids.append(try store.createConversation(conversation("number \(index)", minutesAgo: Double(300 - (index / 2) * 20), tier: globex ? "free" : "enterprise",
                                                                 customer: globex ? "Globex" : "Acme"), actor: "t", at: now))
        }
        // Answered: owes nothing, so last; solved: only with closed ones counted in.
        XCTAssertTrue(try store.appendMessage(NewMessage(authorKind: .team, authorName: "Ana", body: "done", createdAt: now), to: ids[4], actor: "t"))
        _ = try store.setStatus(ids[7], to: .solved, actor: "ana", expectedVersion: nil, at: now)
        _ = try store.setStatus(ids[12], to: .closed, actor: "ana", expectedVersion: nil, at: now)
        for query in [QueueQuery(), QueueQuery(filter: "customer:acme"), QueueQuery(includeClosed: true)] {
            let whole = try store.queueWindow(query, offset: 0, limit: 100)
            XCTAssertEqual(whole.count, try store.queueSize(query), "\(query)")
            let keys = whole.map { ($0.slaDue?.timeIntervalSince1970 ?? .infinity, $0.id) }
            XCTAssertEqual(keys.map(\.1), keys.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1), "deadline, then id: \(query)")
            let owingNothing = whole.drop { $0.slaDue != nil }
            XCTAssertTrue(owingNothing.allSatisfy { $0.slaDue == nil } && owingNothing.contains { $0.id == ids[4] },
                          "those owing nothing (the answered one) after every deadline: \(query)")
            for offset in 0...(whole.count + 1) {
                for limit in [1, 3, 7] {
                    let slice = whole.dropFirst(offset).prefix(limit).map(\.id)
                    XCTAssertEqual(try store.queueWindow(query, offset: offset, limit: limit).map(\.id), slice, "offset \(offset), limit \(limit), \(query)")
                }
            }
            for (index, row) in whole.enumerated() {
                XCTAssertEqual(try store.queuePosition(of: row.id, query), index, "#\(row.id) in \(query)")
            }
        }
        XCTAssertNil(try store.queuePosition(of: ids[7], QueueQuery()), "a solved one is not in the open queue")
    }

    /// The header's counts, with tiers that warn at different times: at risk is each
    /// conversation's own tier's window, breaching is past the deadline, open and unowned
    /// leave out the closed.
    func testCountsUseEachTiersOwnWarning() throws {
        let store = try makeStore()
        var team = team(store)
        team.tiers = [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600),
                      Tier(id: "free", short: "FREE", firstResponse: 2 * 86_400, nextResponse: 3 * 86_400, rank: 1, warnBefore: 3 * 3_600)]
        try store.syncTeam(team)
        _ = try store.createConversation(conversation("enterprise, due in 10 minutes", minutesAgo: 50), actor: "t", at: now)
        _ = try store.createConversation(conversation("enterprise, due in 30 minutes", minutesAgo: 30), actor: "t", at: now)
        _ = try store.createConversation(conversation("enterprise, overdue", minutesAgo: 70, owner: "ana"), actor: "t", at: now)
        _ = try store.createConversation(conversation("free, due in 2 hours", minutesAgo: 46 * 60, tier: "free", customer: "Globex"), actor: "t", at: now)
        _ = try store.createConversation(conversation("free, due in 5 hours", minutesAgo: 43 * 60, tier: "free", customer: "Globex"), actor: "t", at: now)
        let solved = try store.createConversation(conversation("free, solved, would be at risk", minutesAgo: 47 * 60, tier: "free", customer: "Globex"), actor: "t", at: now)
        _ = try store.setStatus(solved, to: .solved, actor: "ana", expectedVersion: nil, at: now)
        let counts = try store.queueCounts(now: now)
        XCTAssertEqual(counts.open, 5)
        XCTAssertEqual(counts.unowned, 4)
        XCTAssertEqual(counts.breaching, 1)
        XCTAssertEqual(counts.atRisk, 2, "enterprise in 10 minutes (warns 15 before), free in 2 hours (warns 3 hours before)")
    }

    /// A filter finds the same rows on every backend: words in the subject or the messages, and qualifiers.
    func testFilterWordsAndQualifiers() throws {
        let store = try teamStore()
        let router = try store.createConversation(conversation("Router drops subscriptions", minutesAgo: 5, body: "the webhook stopped"), actor: "t", at: now)
        let billing = try store.createConversation(conversation("Invoice question", minutesAgo: 6, customer: "Globex", body: "refund please"), actor: "t", at: now)
        _ = try store.claim(billing, actor: "ana", at: now)
        XCTAssertEqual(try store.queueWindow(QueueQuery(filter: "router"), offset: 0, limit: 10).map(\.id), [router])
        XCTAssertEqual(try store.queueWindow(QueueQuery(filter: "webhook"), offset: 0, limit: 10).map(\.id), [router], "a word of a message")
        XCTAssertEqual(try store.queueWindow(QueueQuery(filter: "is:mine", viewer: "ana"), offset: 0, limit: 10).map(\.id), [billing])
        XCTAssertEqual(try store.queueWindow(QueueQuery(filter: "is:unowned"), offset: 0, limit: 10).map(\.id), [router])
        XCTAssertEqual(try store.queueSize(QueueQuery(filter: "nothing-matches-this")), 0)
    }

    // MARK: - conversation detail and intake

    func testDetailHasMessagesAndTheCreatedEvent() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5, body: "first"), actor: "intake", at: now)
        XCTAssertTrue(try store.appendMessage(NewMessage(externalKey: "m2", authorKind: .customer, authorName: "Priya", body: "second",
                                                         createdAt: now.addingTimeInterval(-60)), to: id, actor: "intake"))
        XCTAssertFalse(try store.appendMessage(NewMessage(externalKey: "m2", authorKind: .customer, authorName: "Priya", body: "again",
                                                          createdAt: now), to: id, actor: "intake"), "a known key adds nothing")
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.messages.map(\.body), ["first", "second"])
        XCTAssertEqual(detail.row.messageCount, 2)
        XCTAssertEqual(detail.events.map(\.kind), ["created"])
        XCTAssertEqual(detail.events.first?.actor, "intake")
        XCTAssertThrowsError(try store.conversation(id + 1000)) { XCTAssertEqual($0 as? StoreError, .notFound(conversation: id + 1000)) }
    }

    func testAKnownExternalKeyReturnsTheSameConversation() throws {
        let store = try teamStore()
        let first = try store.createConversation(conversation("Once", minutesAgo: 5, key: "email:a@b"), actor: "t", at: now)
        let again = try store.createConversation(conversation("Once", minutesAgo: 5, key: "email:a@b"), actor: "t", at: now)
        XCTAssertEqual(first, again)
        XCTAssertEqual(try store.queueSize(QueueQuery()), 1)
    }

    func testIntakeUnitLandsWholeOrNotAtAll() throws {
        let store = try teamStore()
        struct Stop: Error {}
        XCTAssertThrowsError(try store.intake(actor: "ingest", at: now) { writer in
            _ = try writer.create(conversation("half", minutesAgo: 1, key: "k1", messageKey: "m1"))
            throw Stop()
        })
        XCTAssertEqual(try store.queueSize(QueueQuery()), 0, "a unit that threw leaves nothing")
        let (id, created) = try store.intake(actor: "ingest", at: now) { writer in
            let made = try writer.create(conversation("whole", minutesAgo: 1, key: "k1", messageKey: "m1"))
            XCTAssertTrue(try writer.hasMessage("m1"))
            XCTAssertEqual(try writer.conversationID(externalKey: "k1"), made.id)
            XCTAssertEqual(try writer.conversationID(ofMessage: "m1"), made.id)
            XCTAssertTrue(try writer.append(NewMessage(externalKey: "m2", authorKind: .customer, authorName: "Priya", body: "more", createdAt: now), to: made.id))
            XCTAssertTrue(try writer.editMessage("m2", body: "more, edited", editedAt: now))
            return made
        }
        XCTAssertTrue(created)
        XCTAssertEqual(try store.intake(actor: "ingest", at: now) { try $0.create(conversation("whole", minutesAgo: 1, key: "k1")) }.created, false)
        XCTAssertEqual(try store.conversation(id).messages.map(\.body), ["hello", "more, edited"])
        XCTAssertEqual(try store.messageState("m2")?.edited, true)
    }

    func testOpenConversationByCustomerAndSubject() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Help", minutesAgo: 5), actor: "t", at: now)
        let found = try store.intake(actor: "t", at: now) { try $0.openConversation(source: .email, customerName: "Acme", subject: "Help") }
        XCTAssertEqual(found, id)
        let other = try store.intake(actor: "t", at: now) { try $0.openConversation(source: .email, customerName: "Globex", subject: "Help") }
        XCTAssertNil(other)
    }

    // MARK: - ownership actions and version checks

    func testClaimRefusesSomeoneElsesAndRecordsTheEvent() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        let result = try store.claim(id, actor: "dave", at: now)
        XCTAssertEqual(result.row.ownerID, "dave")
        XCTAssertEqual(result.row.version, 2)
        XCTAssertEqual(result.event?.kind, "claim")
        XCTAssertNil(try store.claim(id, actor: "dave", at: now).event, "claiming your own is nothing to do")
        XCTAssertThrowsError(try store.claim(id, actor: "ana", at: now.addingTimeInterval(2))) { error in
            XCTAssertEqual(error as? ActionConflict, .owned(conversation: id, by: "dave", basis: .claim, since: now))
        }
        XCTAssertThrowsError(try store.release(id, actor: "ana", at: now)) { error in
            XCTAssertEqual(error as? ActionConflict, .notYours(conversation: id, owner: "dave"))
        }
        XCTAssertEqual(try store.release(id, actor: "dave", at: now).row.ownerID, nil)
        XCTAssertThrowsError(try store.assign(id, to: "nobody", actor: "ana", at: now)) { XCTAssertEqual($0 as? StoreError, .unknownEngineer("nobody")) }
        XCTAssertEqual(try store.assign(id, to: "erin", actor: "ana", at: now).row.ownerID, "erin")
        XCTAssertEqual(try store.conversation(id).events.map(\.kind), ["created", "claim", "release", "assign"])
    }

    /// No lost update: an action on a version someone else has moved past is refused.
    func testAStaleVersionIsRefused() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        let seen = try store.conversation(id).row.version
        _ = try store.claim(id, actor: "dave", at: now)
        XCTAssertThrowsError(try store.take(id, actor: "ana", expectedVersion: seen, at: now)) { error in
            guard case .changed(conversation: id, by: "dave", what: _, at: _)? = error as? ActionConflict else {
                return XCTFail("expected a changed conflict naming dave, got \(error)")
            }
        }
        XCTAssertEqual(try store.take(id, actor: "ana", expectedVersion: seen + 1, at: now).row.ownerID, "ana")
        XCTAssertEqual(try store.setStatus(id, to: .pending, actor: "ana", expectedVersion: nil, at: now).row.status, .pending)
    }

    func testTwoConnectionsClaimingAtOnceExactlyOneWins() throws {
        let store = try teamStore()
        let other = try store.reopen()
        let now = self.now
        for round in 0..<10 {
            let id = try store.createConversation(conversation("race \(round)", minutesAgo: 1), actor: "t", at: now)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (connection, who) = index == 0 ? (store, "ana") : (other, "dave")
                do {
                    _ = try connection.claim(id, actor: who, at: now)
                    outcomes.add("won \(who)")
                } catch is ActionConflict {
                    outcomes.add("lost")
                } catch {
                    outcomes.add("error \(error)")
                }
            }
            let won = outcomes.all.filter { $0.hasPrefix("won ") }.map { String($0.dropFirst(4)) }
            let lost = outcomes.all.filter { $0 == "lost" }.count
            XCTAssertEqual(outcomes.all.filter { $0.hasPrefix("error") }, [], "round \(round)")
            XCTAssertEqual(won.count, 1, "round \(round)")
            XCTAssertEqual(lost, 1, "round \(round)")
            XCTAssertEqual(try store.conversation(id).row.ownerID, won.first)
        }
    }

    func testNotesTagsAndCollaborators() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        _ = try store.tag(id, add: ["bug", "router"], remove: [], actor: "ana", at: now)
        _ = try store.tag(id, add: [], remove: ["router"], actor: "ana", at: now)
        _ = try store.ropeIn(id, engineer: "erin", actor: "ana", at: now)
        _ = try store.addNote(id, body: "checking the logs", actor: "ana", authorName: "Ana", at: now)
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.tags, ["bug"])
        XCTAssertEqual(detail.collaborators, ["erin"])
        XCTAssertEqual(detail.messages.last?.body, "checking the logs")
    }

    // MARK: - drafts, presence, change feed

    func testDraftsAreKeptPerAuthorAndKind() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        try store.saveDraft(id, author: "ana", kind: "reply", body: "Dear Priya", at: now)
        try store.saveDraft(id, author: "ana", kind: "reply", body: "Dear Priya,\nfixed", at: now)
        XCTAssertEqual(try store.draft(id, author: "ana", kind: "reply"), "Dear Priya,\nfixed")
        XCTAssertNil(try store.draft(id, author: "ana", kind: "note"))
        XCTAssertNil(try store.draft(id, author: "dave", kind: "reply"))
    }

    func testPresenceShowsOthersAndDropsTheStale() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        try store.heartbeat(engineer: "ana", conversation: id, activity: .replying, host: "box1", pid: 10, at: now)
        try store.heartbeat(engineer: "dave", conversation: id, activity: .viewing, host: "box2", pid: 20, at: now)
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box1", pid: 10, now: now).map(\.engineer), ["dave"])
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box3", pid: 1, now: now.addingTimeInterval(60)).count, 0, "a minute without a beat is gone")
        try store.clearPresence(host: "box2", pid: 20)
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box3", pid: 1, now: now).map(\.engineer), ["ana"])
    }

    func testAnotherConnectionsWriteMovesTheChangeToken() throws {
        let store = try teamStore()
        let other = try store.reopen()
        let before = try store.changeToken()
        XCTAssertEqual(try store.changeToken(), before, "nothing changed, nothing to refetch")
        try other.createConversation(conversation("from elsewhere", minutesAgo: 1), actor: "t", at: now)
        let deadline = Date().addingTimeInterval(0.5)
        var token = try store.changeToken()
        while token == before, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            token = try store.changeToken()
        }
        XCTAssertNotEqual(token, before, "another process's write is seen within 0.5 s")
        XCTAssertEqual(try store.queueWindow(QueueQuery(), offset: 0, limit: 5).map(\.subject), ["from elsewhere"])
    }

    // MARK: - rotation: overrides, handoffs, point notices

    func testHandoffsRunOnceAcrossConnections() throws {
        let store = try teamStore()
        let other = try store.reopen()
        // Europe's point holder owns one conversation by point; it moves to dave at 09:00 New York.
        let id = try store.createConversation(conversation("by point", minutesAgo: 30, owner: "ana"), actor: "t", at: now.addingTimeInterval(-1800))
        let now = self.now.addingTimeInterval(60)
        let outcomes = Outcomes()
        let rotation = self.rotation
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let connection = index == 0 ? store : other
            do {
                for record in try connection.runDueHandoffs(rotation, now: now) { outcomes.add(record) }
            } catch {
                outcomes.add("error \(error)")
            }
        }
        let records = outcomes.all.compactMap { $0 as? HandoffRecord }
        XCTAssertEqual(outcomes.all.compactMap { $0 as? String }, [])
        XCTAssertEqual(records.filter { $0.boundary == self.now }.count, 1, "the 14:00 UTC handoff ran exactly once: \(records)")
        XCTAssertEqual(try store.runDueHandoffs(rotation, now: now).count, 0)
        _ = id
        try store.addHandoffNote(author: "ana", body: "watch Acme", at: now)
        let report = try XCTUnwrap(try store.handoffReport(for: "dave", now: now))
        XCTAssertEqual(report.handoff.toEngineer, "dave")
        XCTAssertTrue(try store.markHandoffSeen(by: "dave", at: now))
        XCTAssertFalse(try store.markHandoffSeen(by: "dave", at: now))
        XCTAssertEqual(try store.handoffs(limit: 5).first?.boundary, self.now)
    }

    func testOverridesAndThePointNoticeTheyLeave() throws {
        let store = try teamStore()
        let cover = Override(engineer: "erin", replaces: "dave", start: now, end: now.addingTimeInterval(3_600), reason: "dentist")
        let id = try store.addOverride(cover, actor: "dave", at: now)
        XCTAssertEqual(try store.overrides(from: nil, to: nil).map(\.id), [id])
        XCTAssertEqual(try store.pointHolder(rotation, at: now.addingTimeInterval(60))?.engineer, "erin")
        let notices = try store.unseenPointNotices(for: "erin")
        XCTAssertEqual(notices.count, 1)
        XCTAssertEqual(try store.markPointNoticesSeen(for: "erin", at: now), 1)
        XCTAssertEqual(try store.unseenPointNotices(for: "erin").count, 0)
        try store.removeOverride(id: id, actor: "dave", at: now)
        XCTAssertEqual(try store.overrides(from: nil, to: nil).count, 0)
        XCTAssertEqual(try store.overrides(from: nil, to: nil, includingRemoved: true).count, 1)
        XCTAssertThrowsError(try store.removeOverride(id: id + 99, actor: "dave", at: now)) { XCTAssertEqual($0 as? StoreError, .noOverride(id + 99)) }
    }

    // MARK: - outbox, quarantine, merge

    func testAQueuedReplyIsClaimedOnceAndMarkedSent() throws {
        let store = try teamStore()
        let id = try store.createConversation(conversation("Router", minutesAgo: 5), actor: "t", at: now)
        _ = try store.queueReply(id, body: "Fixed now.", actor: "ana", authorName: "Ana", at: now)
        XCTAssertTrue(try store.outboxHasWork(sources: [.email], at: now))
        let reply = try XCTUnwrap(try store.claimDueReply(sources: [.email], sender: "box 1", at: now))
        XCTAssertNil(try store.claimDueReply(sources: [.email], sender: "box 2", at: now), "claimed once")
        XCTAssertTrue(try store.markSent(reply.messageID, remoteID: "abc@box", messageKey: nil, by: "serve", at: now))
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .sent)
        XCTAssertEqual(try store.outboxSummary().queued, 0)
    }

    func testQuarantineKeepsTheBytesOnce() throws {
        let store = try teamStore()
        let raw = Data("not a message".utf8)
        XCTAssertTrue(try store.intake(actor: "t", at: now) { try $0.quarantine(source: "email", origin: "stdin", reason: "no headers", raw: raw, digest: "d1") })
        XCTAssertFalse(try store.intake(actor: "t", at: now) { try $0.quarantine(source: "email", origin: "stdin", reason: "no headers", raw: raw, digest: "d1") })
        XCTAssertEqual(try store.quarantineCount(), 1)
        let entry = try XCTUnwrap(try store.quarantineEntries().first)
        XCTAssertEqual(try store.quarantined(entry.id).raw, raw)
    }

    func testMergeMovesEveryMessageAndSplitTakesThemBack() throws {
        let store = try teamStore()
        let a = try store.createConversation(conversation("one", minutesAgo: 10, body: "first"), actor: "t", at: now)
        let b = try store.createConversation(conversation("two", minutesAgo: 5, body: "second"), actor: "t", at: now)
        try store.merge(b, into: a, actor: "ana", at: now)
        XCTAssertEqual(try store.conversation(a).messages.map(\.body), ["first", "second"])
        XCTAssertEqual(try store.queueSize(QueueQuery()), 1)
        XCTAssertThrowsError(try store.merge(b, into: a, actor: "ana", at: now)) { XCTAssertEqual($0 as? MergeSplitError, .alreadyMerged(b, into: a)) }
        // A later message of the merged-away thread lands in the joined conversation.
        XCTAssertTrue(try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "third", createdAt: now), to: b, actor: "t"))
        XCTAssertEqual(try store.conversation(a).messages.map(\.body), ["first", "second", "third"])
        let second = try XCTUnwrap(try store.conversation(a).messages.first { $0.body == "second" })
        let split = try store.split(a, fromMessage: second.id, actor: "ana", at: now)
        XCTAssertEqual(try store.conversation(split).messages.map(\.body), ["second", "third"])
        XCTAssertEqual(try store.conversation(a).messages.map(\.body), ["first"])
    }

    func testLeaseHasOneHolderAtATime() throws {
        let store = try teamStore()
        XCTAssertTrue(try store.holdLease("feeder", holder: "a", for: 10, now: now))
        XCTAssertFalse(try store.holdLease("feeder", holder: "b", for: 10, now: now.addingTimeInterval(1)))
        XCTAssertTrue(try store.holdLease("feeder", holder: "b", for: 10, now: now.addingTimeInterval(11)), "a lapsed lease is free")
        try store.releaseLease("feeder", holder: "b")
        XCTAssertTrue(try store.holdLease("feeder", holder: "a", for: 10, now: now.addingTimeInterval(12)))
    }
}

/// Outcomes collected from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Any] = []
    func add(_ item: Any) { lock.withLock { items.append(item) } }
    var all: [Any] { lock.withLock { items } }
}

extension Array where Element == Any {
    func filter(_ keep: (String) -> Bool) -> [String] { compactMap { $0 as? String }.filter(keep) }
}
