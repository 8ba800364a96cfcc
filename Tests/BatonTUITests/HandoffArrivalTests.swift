import BatonCore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Issue 11 item 3 in the update alone: a handoff report that comes while the screen is
/// open opens over it once no box or line is up, the bell rings once, and the outgoing
/// engineer's footer asks for a note in the last half hour. No terminal, no store.
final class HandoffArrivalTests: XCTestCase {
    let layout = Layout(width: 100, height: 12)
    let report = HandoffScreenState(lines: ["Moved to ana: 1", "  #7 Invoice wrong"])

    func state(me: String = "ana", pointLeavesIn seconds: TimeInterval = 7_200) -> AppState {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.queue.total = 2
        state.queue.rows = [Fixtures.row(1, subject: "one"), Fixtures.row(2, subject: "two")]
        state.ownership.me = me
        state.ownership.roster = [RosterEntry(id: "ana", name: "Ana", region: "europe"), RosterEntry(id: "dave", name: "Dave", region: "us")]
        let passes = Fixtures.now.addingTimeInterval(seconds)
        state.point = PointStatus(current: Shift(region: "europe", engineer: "ana", start: Fixtures.now.addingTimeInterval(-3_600), end: passes),
                                  next: Shift(region: "us", engineer: "dave", start: passes, end: passes.addingTimeInterval(8 * 3_600)))
        return state
    }

    @discardableResult
    func send(_ event: Event, to state: inout AppState) -> [Effect] {
        Update.update(event, state: &state, layout: layout)
    }

    @discardableResult
    func press(_ keys: Key..., on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = send(.key(key), to: &state) }
        return effects
    }

    func testOnAPlainScreenTheReportOpensAtOnceAndTheBellRingsOnce() {
        var state = state()
        XCTAssertEqual(send(.handoffArrived(report), to: &state), [.ring])
        XCTAssertEqual(state.handoff, report)
        XCTAssertNil(state.pendingHandoff)
        XCTAssertEqual(press(.character("j"), on: &state), [], "no second bell")
        XCTAssertEqual(press(.escape, on: &state), [])
        XCTAssertEqual(state.screen, .queue, "Esc goes back to the queue under it")
    }

    func testOverAnOpenConversationItOpensOnTopAndEscReturnsToIt() {
        var state = state()
        state.push(.conversation(ConversationState(detail: ConversationDetail(row: Fixtures.row(1, subject: "one"), messages: [], events: []))))
        send(.handoffArrived(report), to: &state)
        XCTAssertEqual(state.handoff, report)
        press(.escape, on: &state)
        XCTAssertEqual(state.screen.scope, .conversation)
    }

    /// The filter, the command line, a picker, a question and the help: the report waits for each.
    func testItWaitsWhileABoxOrLineIsUpAndOpensWhenItCloses() {
        let openers: [(String, [Key], Key)] = [
            ("filter", [.character("/"), .character("x")], .enter),
            ("filter left with Esc", [.character("/")], .escape),
            ("command line", [.character(":")], .escape),
            ("assign picker", [.character("a"), .character("j")], .escape),
            ("status picker", [.character("s")], .enter),
            ("take question", [.character("T")], .character("n")),
            ("handoff note", [.character("N"), .character("x")], .escape),
            ("help", [.character("?")], .character("x")),
        ]
        for (name, keys, closer) in openers {
            var state = state()
            for key in keys { press(key, on: &state) }
            XCTAssertNotNil(state.overlay, name)
            let overlay = state.overlay
            XCTAssertEqual(send(.handoffArrived(report), to: &state), [.ring], name)
            XCTAssertEqual(state.screen, .queue, "\(name): not while it is up")
            XCTAssertEqual(state.overlay, overlay, "\(name): what was typed stays")
            send(.tick(now: Fixtures.now.addingTimeInterval(1), point: state.point), to: &state)
            XCTAssertEqual(state.screen, .queue, "\(name): a tick does not open it either")
            press(closer, on: &state)
            XCTAssertNil(state.overlay, name)
            XCTAssertEqual(state.handoff, report, "\(name): open once it closed")
        }
    }

    func testTheLastHalfHourOfPointAsksTheOutgoingEngineerForANote() {
        var early = state(pointLeavesIn: 31 * 60)
        XCTAssertNil(early.handoffNoteDue, "not before the last half hour")
        XCTAssertNil(state(me: "dave", pointLeavesIn: 20 * 60).handoffNoteDue, "not the incoming engineer")
        early.point?.current?.engineer = "dave"
        XCTAssertNil(early.handoffNoteDue, "not someone who does not hold point")

        var state = state(pointLeavesIn: 20 * 60)
        XCTAssertEqual(state.handoffNoteDue, "point passes in 20m: N leaves a handoff note")
        let footer = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 12).line(11)
        XCTAssertTrue(footer.hasPrefix(" point passes in 20m: N leaves a handoff note · j/k move"), footer)
        let conversation = ConversationState(detail: ConversationDetail(row: Fixtures.row(1, subject: "one"), messages: [], events: []))
        state.push(.conversation(conversation))
        XCTAssertTrue(ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 12).line(11).contains("N leaves a handoff note"))

        // N from the conversation writes it; once stored, the footer stops asking.
        press(.character("N"), on: &state)
        XCTAssertEqual(state.line?.purpose, .handoffNote)
        for character in "Globex waits on 2.3.1" { press(.character(character), on: &state) }
        XCTAssertEqual(press(.enter, on: &state), [.saveHandoffNote("Globex waits on 2.3.1")])
        send(.handoffNoteSaved, to: &state)
        XCTAssertEqual(state.notice, "note saved for the next handoff")
        XCTAssertNil(state.handoffNoteDue)
        XCTAssertEqual(state.screen.scope, .conversation, "the note leaves the screen where it was")
    }

    func testCapitalNWritesAHandoffNoteFromEveryScreenAndLowercaseNStaysTheInternalNote() {
        for scope in BindingScope.allCases {
            XCTAssertEqual(Bindings.command(for: .character("N"), in: scope), .handoffNote, scope.rawValue)
        }
        XCTAssertEqual(Bindings.command(for: .character("n"), in: .queue), .note)
        XCTAssertEqual(Bindings.command(for: .character("n"), in: .conversation), .note)
        var state = state()
        press(.character("N"), on: &state)
        XCTAssertEqual(state.line?.purpose, .handoffNote)
        var reader = self.state()
        reader.ownership.me = nil
        reader.ownership.readerReason = "you (unix user test) are not on the roster"
        press(.character("N"), on: &reader)
        XCTAssertNil(reader.overlay)
        XCTAssertEqual(reader.notice, "you (unix user test) are not on the roster")
    }
}
