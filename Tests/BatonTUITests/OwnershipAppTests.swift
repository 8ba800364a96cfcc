import BatonConfig
import BatonCore
@testable import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The team's keys through the event loop, against a real store, a second connection
/// standing in for another engineer's baton, and real editor programs.
final class OwnershipAppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    var other: SQLiteStore!
    var clock = Fixtures.now
    var environment: [String: String] = [:]

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-own-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        other = try SQLiteStore(path: store.path)
        let at = Fixtures.now.addingTimeInterval(-600)
        try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops subscriptions",
                                                     source: .slack, messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                     actor: "ingest", at: at)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeApp(_ terminal: MemoryTerminal, as engineer: String? = "ana") -> App {
        let team = Fixtures.team(storePath: store.path)
        let identity: Identity = engineer.flatMap(team.engineer).map(Identity.engineer) ?? .reader(reason: "you (unix user nobody) are not on the roster in baton.toml")
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc, clock: { [unowned self] in clock },
                   identity: identity, environment: environment)
    }

    /// An editor: a shell script that does to the file what a person would.
    func editor(_ script: String) throws -> String {
        let path = folder + "/editor-\(UUID().uuidString).sh"
        try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o700)
        return path
    }

    func testClaimFromTheQueue() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("c"))
        XCTAssertEqual(try store.conversation(1).row.ownerID, "ana")
        assertScreen(terminal.lastFrame, """
             ana@baton · 1 open · 0 unowned · 0 breaching  point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1   0:50   ENT  Acme         Router drops subscriptions  ana      slk   10m


            ────────────────────────────────────────────────────────────────────────────────
             #1 claim: — → ana
            """)
    }

    func testALostClaimSaysWhoWonAndWhenAndShowsTheWinner() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let app = makeApp(terminal)
        app.start()
        // dave's baton claims two seconds before ana's keystroke; her screen has not ticked since.
        _ = try other.claim(1, actor: "dave", at: clock.addingTimeInterval(-2))
        XCTAssertNil(app.state.queue.selectedRow?.ownerID)
        app.handle(.character("c"))
        XCTAssertEqual(terminal.lastFrame?.line(7), " #1: dave claimed this 2 s ago; T takes it over                                 ",
                       "the screen names its key, not the CLI's command")
        XCTAssertTrue(terminal.lastFrame!.line(3).contains(" dave "), "the screen shows the winner")
        XCTAssertEqual(try store.conversation(1).events.filter { $0.kind == "claim" }.map(\.actor), ["dave"])
    }

    func testTakeAsksFirstAndNoMeansNothingChanges() throws {
        _ = try other.claim(1, actor: "dave", at: clock)
        let terminal = MemoryTerminal(width: 60, height: 10)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("T"))
        XCTAssertTrue(terminal.lastFrame!.text.contains("│ Take #1 from dave? y/n   │"), terminal.lastFrame!.text)
        app.handle(.character("n"))
        XCTAssertEqual(try store.conversation(1).row.ownerID, "dave")
        app.handle(.character("T"))
        app.handle(.character("y"))
        XCTAssertEqual(try store.conversation(1).row.ownerID, "ana")
        XCTAssertEqual(try store.conversation(1).events.last?.detail, "dave → ana")
    }

    func testATakeConfirmedAfterSomeoneElseChangedItIsRefused() throws {
        _ = try other.claim(1, actor: "dave", at: clock)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("T"))
        _ = try other.assign(1, to: "erin", actor: "dave", at: clock.addingTimeInterval(-3))
        app.handle(.character("y"))
        XCTAssertEqual(try store.conversation(1).row.ownerID, "erin", "the take saw dave, not erin: refused")
        XCTAssertTrue(terminal.lastFrame!.line(9).hasPrefix(" #1: dave changed this (assign dave → erin) 3 s ago"), terminal.lastFrame!.line(9))
    }

    func testAssignPickerShowsWhoIsOnShiftFirst() throws {
        let terminal = MemoryTerminal(width: 60, height: 14)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("a"))
        assertScreen(terminal.lastFrame, """
             ana · 1 open · 1 unowned · 0 !        dave → nobody in 11h
            ────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER   SUBJECT     OWNER  SRC   AGE
                1   0:50┌─ assign #1 to ───────────────────┐  slk   10m
                        │ dave  point                      │
                        │ erin  on shift                   │
                        │ ana   Europe                     │
                        │ ben   Europe                     │
                        │                                  │
                        │ j/k choose · ⏎ pick · Esc cancel │
                        └──────────────────────────────────┘

            ────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter       1/1
            """)
        app.handle(.character("j"))
        app.handle(.enter)
        XCTAssertEqual(try store.conversation(1).row.ownerID, "erin")
        XCTAssertNil(app.state.overlay)
    }

    func testRopeInAndStatusFromTheConversation() throws {
        let terminal = MemoryTerminal(width: 80, height: 16)
        let app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        app.handle(.character("c"))
        app.handle(.character("e"))
        XCTAssertEqual(app.state.overlay.flatMap { if case .picker(let p) = $0 { return p.options.map(\.value) } else { return nil } },
                       ["dave", "erin", "ben"], "the owner is not offered")
        app.handle(.enter)
        app.handle(.character("s"))
        for _ in 0..<2 { app.handle(.character("j")) }
        app.handle(.enter)
        let detail = try store.conversation(1)
        XCTAssertEqual(detail.collaborators, ["dave"])
        XCTAssertEqual(detail.row.status, .pending)
        XCTAssertEqual(terminal.lastFrame?.line(2).trimmingCharacters(in: .whitespaces), "Acme · ENT · owner ana with dave · pending · slack · 1 message · 10m old",
                       "collaborators beside the owner")
        XCTAssertTrue(terminal.lastFrame!.line(3).hasSuffix("── dedicated ana · 1 touch ──"), terminal.lastFrame!.line(3))
    }

    func testReplyOpensTheEditorWithTheScreenSuspendedAndQueuesIt() throws {
        environment = ["EDITOR": try editor("printf 'Fixed in 2.4.1, please upgrade.' > \"$1\"")]
        let terminal = MemoryTerminal(width: 80, height: 16)
        let app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        app.handle(.character("R"))
        XCTAssertEqual(terminal.suspensions, 1)
        let thread = terminal.lastFrame!.text
        XCTAssertTrue(thread.contains("Ana Lima · team · Mon 23 Nov 14:00 (0s ago) · queued to send") || thread.contains("ana · team · Mon 23 Nov 14:00 (0s ago) · queued to send"), thread)
        XCTAssertTrue(thread.contains("Fixed in 2.4.1, please upgrade."), thread)
        XCTAssertEqual(try store.conversation(1).messages.last?.state, .queued)
    }

    func testAnEmptyFileCancelsAndAFailingEditorKeepsTheDraft() throws {
        environment = ["EDITOR": try editor(": > \"$1\"")]
        var terminal = MemoryTerminal(width: 80, height: 16)
        var app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        app.handle(.character("R"))
        XCTAssertEqual(app.state.notice, "the reply was left empty; nothing sent")
        XCTAssertEqual(try store.conversation(1).messages.count, 1)

        environment = ["VISUAL": try editor("printf 'half a thought' > \"$1\"; exit 3")]
        terminal = MemoryTerminal(width: 80, height: 16)
        app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        app.handle(.character("R"))
        XCTAssertEqual(app.state.notice, "the editor exited 3: nothing sent; the draft is kept and opens again next time")
        XCTAssertEqual(try store.conversation(1).messages.count, 1, "nothing sent")
        XCTAssertEqual(try store.draft(1, author: "ana", kind: "reply"), "half a thought")

        // The next editor starts from the draft: this one finishes its first line (below it,
        // the scissors block says where the reply goes, and is not sent).
        environment = ["EDITOR": try editor("sed -i '1s/$/ and the rest./' \"$1\"")]
        app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        app.handle(.character("R"))
        XCTAssertEqual(try store.conversation(1).messages.last?.body, "half a thought and the rest.")
        XCTAssertNil(try store.draft(1, author: "ana", kind: "reply"))
    }

    func testOthersPresenceShowsInTheQueueAndExpires() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let app = makeApp(terminal)
        app.start()
        try other.heartbeat(engineer: "dave", conversation: 1, activity: .viewing, host: "elsewhere", pid: 1, at: clock)
        app.tick()
        XCTAssertEqual(terminal.lastFrame?.line(3), "    1   0:50   ENT  Acme         Router dro… · dave is view… —        slk   10m ")
        clock = clock.addingTimeInterval(Presence.expirySeconds + 1)
        app.tick()
        XCTAssertTrue(terminal.lastFrame!.line(3).contains("Router drops subscriptions  —"), "dave's process stopped beating: gone")
    }

    func testOpeningAConversationAnnouncesViewingAndReplyAsksWhenSomeoneIsReplying() throws {
        let terminal = MemoryTerminal(width: 80, height: 12)
        let app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        XCTAssertEqual(try other.presence(on: [1], excludingHost: "x", pid: 0, now: clock).map(\.engineer), ["ana"])
        try other.heartbeat(engineer: "erin", conversation: 1, activity: .replying, host: "elsewhere", pid: 1, at: clock)
        app.tick()
        XCTAssertTrue(terminal.lastFrame!.line(3).hasPrefix("── erin is replying ──"), terminal.lastFrame!.line(3))
        app.handle(.character("R"))
        XCTAssertTrue(terminal.lastFrame!.text.contains("erin is replying to #1. Reply anyway? y/n"))
        app.handle(.escape)
        XCTAssertEqual(terminal.suspensions, 0, "no editor without a yes")
        app.handle(.escape)
        XCTAssertEqual(try other.presence(on: [1], excludingHost: "x", pid: 0, now: clock).map(\.engineer), ["erin"], "ana closed it")
    }

    func testSomeoneNotOnTheRosterReadsButCannotAct() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let app = makeApp(terminal, as: nil)
        app.start()
        app.handle(.character("c"))
        XCTAssertEqual(app.state.notice, "you (unix user nobody) are not on the roster in baton.toml")
        XCTAssertNil(try store.conversation(1).row.ownerID)
    }

    /// A background write's outcome shows with the next key, not only after a quiet tick;
    /// and the write and the change it made in the store are one reload, not two.
    func testAnOutcomeIsDrawnAtOnceAndReloadsOnce() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let writer = BackgroundWriter(store: try SQLiteStore(path: store.path))
        let app = App(store: store, team: Fixtures.team(storePath: store.path), theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                      clock: { [unowned self] in clock }, identity: .engineer(Engineer(id: "ana", region: "europe")), writer: writer)
        app.start()
        let reloads = app.reloads
        // The write waits behind another process's lock until the test lets it go.
        let holder = try SQLiteStore(path: store.path)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread {
            try? holder.write { _ in
                started.signal()
                release.wait()
            }
        }.start()
        started.wait()
        app.handle(.character("c"))
        XCTAssertEqual(terminal.lastFrame?.line(7).trimmingCharacters(in: .whitespaces), "#1: claiming…")
        release.signal()
        writer.wait()
        app.handle(.character("k"))
        XCTAssertEqual(terminal.lastFrame?.line(7).trimmingCharacters(in: .whitespaces), "#1 claim: — → ana", "drawn with the next key")
        XCTAssertEqual(app.reloads, reloads + 1)
        app.tick()
        XCTAssertEqual(app.reloads, reloads + 1, "the store's change was this write: no second reload")
        XCTAssertTrue(terminal.lastFrame!.line(3).contains(" ana "))
        // Another process's write is a change of its own: one reload.
        _ = try other.tag(1, add: ["x"], remove: [], actor: "dave", at: clock)
        app.tick()
        XCTAssertEqual(app.reloads, reloads + 2)
    }

    func testALongWriterElsewhereLeavesTheScreenResponsiveAndTheActionLandsAfter() throws {
        let terminal = MemoryTerminal(width: 80, height: 8)
        let writer = BackgroundWriter(store: try SQLiteStore(path: store.path))
        let app = App(store: store, team: Fixtures.team(storePath: store.path), theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                      clock: { [unowned self] in clock }, identity: .engineer(Engineer(id: "ana", region: "europe")), writer: writer)
        app.start()
        // Another process holds the store's write lock for a second, as a long import would.
        let holder = try SQLiteStore(path: store.path)
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            try? holder.write { _ in
                started.signal()
                Thread.sleep(forTimeInterval: 1)
            }
            finished.signal()
        }.start()
        started.wait()
        let before = Date()
        app.handle(.character("c"))
        XCTAssertEqual(terminal.lastFrame?.line(7).trimmingCharacters(in: .whitespaces), "#1: claiming…")
        app.handle(.enter)
        XCTAssertLessThan(Date().timeIntervalSince(before), 0.5, "keys and reads go on while the write waits")
        XCTAssertTrue(terminal.lastFrame!.text.contains("#1 Router drops subscriptions"), "the conversation opened meanwhile")
        finished.wait()
        writer.wait()
        app.tick()
        XCTAssertEqual(terminal.lastFrame?.line(7).trimmingCharacters(in: .whitespaces), "#1 claim: — → ana")
        XCTAssertTrue(terminal.lastFrame!.line(2).contains("owner ana"))
    }

    func testTagsAreTypedOnTheLineAndABadOneIsNamed() throws {
        let terminal = MemoryTerminal(width: 80, height: 12)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("t"))
        for character in "+billing urgent" { app.handle(.character(character)) }
        XCTAssertEqual(terminal.lastFrame!.line(11).trimmingCharacters(in: .whitespaces), "tags of #1 (+tag -tag): +billing urgent")
        app.handle(.enter)
        XCTAssertEqual(try store.conversation(1).tags, ["billing", "urgent"])
        app.handle(.character("t"))
        for character in "-urgent no!" { app.handle(.character(character)) }
        app.handle(.enter)
        XCTAssertEqual(app.state.notice, "\"no!\" is not a tag; tags are words of letters, digits, - and _")
        XCTAssertNotNil(app.state.line, "the line stays to mend it")
        XCTAssertTrue(terminal.lastFrame!.line(10).hasPrefix(" \"no!\" is not a tag"), "the error shows above the line")
        for _ in 0..<4 { app.handle(.backspace) }
        app.handle(.enter)
        XCTAssertEqual(try store.conversation(1).tags, ["billing"])
        XCTAssertEqual(try store.conversation(1).events.last?.detail, "-urgent")
    }

    func testAReplyWrittenWhileSomeoneElseWroteAsksBeforeItIsQueued() throws {
        // The editor says it started, then waits for the test to let it finish: meanwhile
        // the customer writes again from another connection.
        let started = folder + "/started", go = folder + "/go"
        environment = ["EDITOR": try editor("touch \(started); while [ ! -e \(go) ]; do sleep 0.02; done; printf 'Try 2.4.1' > \"$1\"")]
        let terminal = MemoryTerminal(width: 80, height: 16)
        let app = makeApp(terminal)
        app.start()
        app.handle(.enter)
        let other = self.other!, at = clock
        let customer = Thread {
            while !FileManager.default.fileExists(atPath: started) { Thread.sleep(forTimeInterval: 0.01) }
            _ = try? other.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "Still down!", createdAt: at), to: 1, actor: "ingest")
            FileManager.default.createFile(atPath: go, contents: nil)
        }
        customer.start()
        app.handle(.character("R"))
        XCTAssertTrue(terminal.lastFrame!.text.contains("Priya wrote while you were writing. Queue your reply anyway? y/n"), terminal.lastFrame!.text)
        XCTAssertEqual(try store.conversation(1).messages.filter { $0.state == .queued }.count, 0, "not queued without a yes")
        XCTAssertEqual(try store.draft(1, author: "ana", kind: "reply"), "Try 2.4.1", "kept meanwhile")
        app.handle(.character("n"))
        XCTAssertEqual(app.state.notice, "not sent; your reply is kept as a draft and R opens it again")
        XCTAssertEqual(try store.draft(1, author: "ana", kind: "reply"), "Try 2.4.1")
        // Again, and this time yes: the draft opens in the editor, nobody writes, it is queued.
        try? FileManager.default.removeItem(atPath: started)
        environment = ["EDITOR": try editor(": # keep the draft as it is")]
        clock = clock.addingTimeInterval(60)
        let again = makeApp(terminal)
        again.start()
        again.handle(.enter)
        again.handle(.character("R"))
        XCTAssertEqual(try store.conversation(1).messages.last?.body, "Try 2.4.1")
        XCTAssertEqual(try store.conversation(1).messages.last?.state, .queued)
    }
}
