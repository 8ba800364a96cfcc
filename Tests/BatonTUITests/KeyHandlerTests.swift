import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

final class KeyHandlerTests: XCTestCase {
    let layout = Layout(width: 80, height: 10)  // five rows of queue

    func state(total: Int) -> AppState {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.queue.total = total
        state.queue.rows = (0..<min(total, 5)).map { Fixtures.row(Int64($0 + 1), subject: "s\($0)") }
        return state
    }

    func testMovingWithinTheWindowNeedsNoFetch() {
        var state = state(total: 20)
        XCTAssertEqual(KeyHandler.handle(.character("j"), state: &state, layout: layout), .none)
        XCTAssertEqual(KeyHandler.handle(.down, state: &state, layout: layout), .none)
        XCTAssertEqual(state.queue.selected, 2)
        XCTAssertEqual(KeyHandler.handle(.character("k"), state: &state, layout: layout), .none)
        XCTAssertEqual(state.queue.selected, 1)
    }

    func testMovingPastTheWindowScrollsAndFetches() {
        var state = state(total: 20)
        for _ in 0..<4 { _ = KeyHandler.handle(.character("j"), state: &state, layout: layout) }
        XCTAssertEqual(state.queue.top, 0)
        XCTAssertEqual(KeyHandler.handle(.character("j"), state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.selected, 5)
        XCTAssertEqual(state.queue.top, 1)
    }

    func testEndsAndPagesStayInBounds() {
        var state = state(total: 20)
        XCTAssertEqual(KeyHandler.handle(.character("G"), state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.selected, 19)
        XCTAssertEqual(state.queue.top, 15)
        _ = KeyHandler.handle(.pageDown, state: &state, layout: layout)
        XCTAssertEqual(state.queue.selected, 19)
        _ = KeyHandler.handle(.pageUp, state: &state, layout: layout)
        XCTAssertEqual(state.queue.selected, 14)
        XCTAssertEqual(KeyHandler.handle(.character("g"), state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(state.queue.top, 0)
        _ = KeyHandler.handle(.up, state: &state, layout: layout)
        XCTAssertEqual(state.queue.selected, 0)
    }

    func testEmptyQueueIgnoresMovesAndEnter() {
        var state = state(total: 0)
        _ = KeyHandler.handle(.character("j"), state: &state, layout: layout)
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(KeyHandler.handle(.enter, state: &state, layout: layout), .none)
    }

    func testFilterIsTypedLiveAndEscapeClearsIt() {
        var state = state(total: 20)
        state.queue.selected = 7
        XCTAssertEqual(KeyHandler.handle(.character("/"), state: &state, layout: layout), .none)
        XCTAssertTrue(state.queue.editingFilter)
        XCTAssertEqual(KeyHandler.handle(.character("q"), state: &state, layout: layout), .reloadQueue, "q is text while filtering")
        XCTAssertEqual(KeyHandler.handle(.character("u"), state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.filter, "qu")
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(KeyHandler.handle(.backspace, state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.filter, "q")
        XCTAssertEqual(KeyHandler.handle(.enter, state: &state, layout: layout), .none)
        XCTAssertFalse(state.queue.editingFilter)
        XCTAssertEqual(state.queue.filter, "q", "Enter keeps the filter")
        XCTAssertEqual(KeyHandler.handle(.escape, state: &state, layout: layout), .reloadQueue)
        XCTAssertEqual(state.queue.filter, "")
    }

    func testEnterOpensTheSelectedConversationAndEscapeGoesBack() {
        var state = state(total: 5)
        _ = KeyHandler.handle(.character("j"), state: &state, layout: layout)
        XCTAssertEqual(KeyHandler.handle(.enter, state: &state, layout: layout), .openConversation(2))
        state.conversation = ConversationState(detail: ConversationDetail(row: state.queue.rows[1], messages: [], events: []))
        XCTAssertEqual(KeyHandler.handle(.character("q"), state: &state, layout: layout), .reloadQueue, "q in a conversation goes back")
        XCTAssertNil(state.conversation)
        XCTAssertEqual(KeyHandler.handle(.character("q"), state: &state, layout: layout), .quit, "q on the queue quits")
    }

    func testHelpOpensWithQuestionMarkAndAnyKeyClosesIt() {
        var state = state(total: 5)
        _ = KeyHandler.handle(.character("?"), state: &state, layout: layout)
        XCTAssertTrue(state.showHelp)
        XCTAssertEqual(KeyHandler.handle(.character("q"), state: &state, layout: layout), .none, "q closes the help, not baton")
        XCTAssertFalse(state.showHelp)
    }

    func testOnAShortScreenTheHelpScrollsAndAnyOtherKeyClosesIt() {
        let short = Layout(width: 60, height: 15)
        var state = state(total: 5)
        _ = KeyHandler.handle(.character("?"), state: &state, layout: short)
        _ = KeyHandler.handle(.character("j"), state: &state, layout: short)
        XCTAssertTrue(state.showHelp, "j scrolls when not every key fits")
        XCTAssertEqual(state.helpScroll, 1)
        _ = KeyHandler.handle(.character(" "), state: &state, layout: short)
        XCTAssertEqual(state.helpScroll, HelpView.keys.count - HelpView.rows(height: 15), "a page down stops at the last key")
        _ = KeyHandler.handle(.up, state: &state, layout: short)
        XCTAssertEqual(state.helpScroll, HelpView.keys.count - HelpView.rows(height: 15) - 1)
        _ = KeyHandler.handle(.character("x"), state: &state, layout: short)
        XCTAssertFalse(state.showHelp)
        XCTAssertEqual(state.helpScroll, 0, "it opens at the top next time")

        let tall = Layout(width: 80, height: 40)
        _ = KeyHandler.handle(.character("?"), state: &state, layout: tall)
        _ = KeyHandler.handle(.character("j"), state: &state, layout: tall)
        XCTAssertFalse(state.showHelp, "with every key on screen, j closes it like any key")
    }

    func testResizeAndCtrlLRefresh() {
        var state = state(total: 5)
        XCTAssertEqual(KeyHandler.handle(.resize, state: &state, layout: layout), .refresh)
        XCTAssertEqual(KeyHandler.handle(.control("l"), state: &state, layout: layout), .refresh)
    }

    func testConversationScrollsWithinItsLines() {
        var state = state(total: 1)
        let messages = (0..<10).map { Message(id: Int64($0), authorKind: .customer, authorName: "P", body: "line \($0)", createdAt: Fixtures.now) }
        state.conversation = ConversationState(detail: ConversationDetail(row: state.queue.rows[0], messages: messages, events: []))
        let small = Layout(width: 80, height: 12)  // six thread rows, thirty lines
        _ = KeyHandler.handle(.character("G"), state: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 24)
        _ = KeyHandler.handle(.character("j"), state: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 24)
        _ = KeyHandler.handle(.character("g"), state: &state, layout: small)
        _ = KeyHandler.handle(.character("k"), state: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 0)
    }
}
