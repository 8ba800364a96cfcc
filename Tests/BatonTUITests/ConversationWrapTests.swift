import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Issue 11 item 5: the thread is wrapped once per width and per change and kept, and only
/// the visible window is made into lines. The window must be exactly the full thread's lines.
final class ConversationWrapTests: XCTestCase {
    func detail(bodies: [String]) -> ConversationDetail {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: -720)
        return ConversationDetail(row: row, messages: bodies.enumerated().map { index, body in
            Message(id: Int64(index + 1), authorKind: index % 2 == 0 ? .customer : .team, authorName: index % 2 == 0 ? "Priya" : "Ana",
                    body: body, createdAt: Fixtures.now.addingTimeInterval(Double(-600 * (bodies.count - index))),
                    deletedAt: index == 1 ? Fixtures.now : nil)
        }, events: [AuditEvent(id: 1, at: Fixtures.now, actor: "ingest", kind: "created", conversationID: 42, detail: "from slack")])
    }

    let bodies = ["Since Tuesday our router closes every WebSocket subscription after roughly 30 minutes.\n\nWe run 1.42.",
                  "Looking now. Logs please?", String(repeating: "0123456789abcdef", count: 40), "", "last"]

    func testEveryWindowIsTheSameSliceOfTheWholeThread() {
        var open = ConversationState(detail: detail(bodies: bodies))
        open.related = [Fixtures.row(7, subject: "other")]
        for prepared in [false, true] {
            if prepared { open.wrap(width: 50) }
            let all = ConversationView.lines(open, width: 50, zone: Fixtures.utc, now: Fixtures.now)
            XCTAssertEqual(all.count, ConversationView.lineCount(open, width: 50, zone: Fixtures.utc, now: Fixtures.now))
            XCTAssertGreaterThan(all.count, 20)
            XCTAssertEqual(all.first?.text, "1 other open of Acme · Tab chooses, ⏎ opens")
            XCTAssertEqual(all.last?.text.hasSuffix("ingest  created  from slack"), true)
            XCTAssertTrue(all.contains(Line(text: "Looking now. Logs please?", role: .muted, indent: 2)), "the deleted one greyed")
            for first in 0...all.count + 2 {
                for count in [0, 1, 3, 8, all.count] {
                    let window = ConversationView.window(open, width: 50, zone: Fixtures.utc, now: Fixtures.now, from: first, count: count)
                    XCTAssertEqual(window.total, all.count)
                    XCTAssertEqual(window.lines, Array(all.dropFirst(first).prefix(count)), "lines \(first) to \(first + count)")
                }
            }
        }
    }

    func testTheWrappedBodiesAreKeptForAWidthAndDroppedWhenTheMessagesChange() {
        var open = ConversationState(detail: detail(bodies: bodies))
        let plain = open
        open.wrap(width: 50)
        XCTAssertEqual(open.wrapped.width, 44)
        XCTAssertEqual(open.wrapped.bodies[2], TerminalText.wrap(bodies[2], width: 44))
        XCTAssertEqual(open, plain, "a kept wrapping is not part of what the state shows")
        let kept = address(open.wrapped.bodies)
        open.wrap(width: 50)
        XCTAssertEqual(address(open.wrapped.bodies), kept, "the same width: not wrapped again")

        var sameMessages = open.detail
        sameMessages.row.status = .pending
        open.detail = sameMessages
        XCTAssertEqual(address(open.wrapped.bodies), kept, "a reload with the same messages keeps them")
        open.detail = detail(bodies: bodies + ["a new reply"])
        XCTAssertEqual(open.wrapped.width, 0, "a new message: wrapped again at the next draw")
        XCTAssertEqual(ConversationView.lines(open, width: 50, zone: Fixtures.utc, now: Fixtures.now).filter { $0.text == "a new reply" }.count, 1)
        open.wrap(width: 80)
        XCTAssertEqual(open.wrapped.width, 74)
        XCTAssertEqual(open.wrapped.bodies.count, 6)
    }

    /// The loop wraps before it draws; ticks and keys after that reuse the lines.
    func testTheLoopWrapsOnceAndTicksAndKeysReuseIt() throws {
        let folder = NSTemporaryDirectory() + "baton-wrap-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        let log = String(repeating: "GET /v1/subscriptions 502 upstream=router-7 ", count: 2_000)
        let id = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Logs",
                                                              source: .email, messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: log,
                                                                                                    createdAt: Fixtures.now.addingTimeInterval(-60))]),
                                              actor: "test", at: Fixtures.now)
        var clock = Fixtures.now
        let terminal = MemoryTerminal(width: 100, height: 20)
        let app = App(store: store, team: Fixtures.team(storePath: store.path), theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                      clock: { clock })
        app.start()
        app.handle(.enter)
        let open = try XCTUnwrap(app.state.conversation)
        XCTAssertEqual(open.detail.row.id, id)
        XCTAssertEqual(open.wrapped.width, 94)
        let kept = address(open.wrapped.bodies)
        for second in 1...3 {
            clock = Fixtures.now.addingTimeInterval(Double(second))
            app.tick()
            app.handle(.character("j"))
        }
        // Another process changes the conversation's status: reloaded, the same messages.
        _ = try SQLiteStore(path: store.path).setStatus(id, to: .pending, actor: "dave", at: clock)
        clock = clock.addingTimeInterval(1)
        app.tick()
        XCTAssertEqual(app.state.conversation?.detail.row.status, .pending)
        XCTAssertEqual(address(app.state.conversation!.wrapped.bodies), kept, "ticks, keys and a reload did not wrap again")
        XCTAssertEqual(app.state.conversation?.scroll, 3)
        XCTAssertTrue(terminal.lastFrame!.line(19).hasSuffix("\(3 + 14)/\(ConversationView.lineCount(app.state.conversation!, width: 100, zone: Fixtures.utc, now: clock)) "),
                      terminal.lastFrame!.line(19))
        terminal.width = 60
        app.handle(.resize)
        XCTAssertEqual(app.state.conversation?.wrapped.width, 54, "a new width: wrapped again")
    }

    func address(_ array: [[String]]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
}

private typealias Line = ConversationView.Line
