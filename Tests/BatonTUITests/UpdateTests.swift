import BatonCore
import BatonStore
import BatonTestSupport
import XCTest
@testable import BatonTUI

/// The one update function: events in, state and effects out. No terminal, no store.
final class UpdateTests: XCTestCase {
    let layout = Layout(width: 80, height: 10)  // five rows of queue

    func state(total: Int, me: String? = "ana") -> AppState {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.queue.total = total
        state.queue.rows = (0..<min(total, 5)).map { Fixtures.row(Int64($0 + 1), subject: "s\($0)") }
        state.ownership.me = me
        state.ownership.roster = [RosterEntry(id: "ana", name: "Ana", region: "europe"), RosterEntry(id: "dave", name: "Dave", region: "us"),
                                  RosterEntry(id: "dora", name: "Dora", region: "us")]
        return state
    }

    /// The keys in turn; the effects of the last one.
    @discardableResult
    func press(_ keys: Key..., on state: inout AppState, layout: Layout? = nil) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = Update.update(.key(key), state: &state, layout: layout ?? self.layout) }
        return effects
    }

    func type(_ text: String, on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects = press(.character(character), on: &state) }
        return effects
    }

    func testMovingWithinTheWindowNeedsNoFetch() {
        var state = state(total: 20)
        XCTAssertEqual(press(.character("j"), on: &state), [])
        XCTAssertEqual(press(.down, on: &state), [])
        XCTAssertEqual(state.queue.selected, 2)
        XCTAssertEqual(press(.character("k"), on: &state), [])
        XCTAssertEqual(state.queue.selected, 1)
    }

    func testMovingPastTheWindowScrollsAndFetches() {
        var state = state(total: 20)
        for _ in 0..<4 { press(.character("j"), on: &state) }
        XCTAssertEqual(state.queue.top, 0)
        XCTAssertEqual(press(.character("j"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.selected, 5)
        XCTAssertEqual(state.queue.top, 1)
    }

    func testEndsAndPagesStayInBounds() {
        var state = state(total: 20)
        XCTAssertEqual(press(.character("G"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.selected, 19)
        XCTAssertEqual(state.queue.top, 15)
        press(.pageDown, on: &state)
        XCTAssertEqual(state.queue.selected, 19)
        press(.pageUp, on: &state)
        XCTAssertEqual(state.queue.selected, 14)
        XCTAssertEqual(press(.character("g"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(state.queue.top, 0)
        press(.up, on: &state)
        XCTAssertEqual(state.queue.selected, 0)
    }

    func testEmptyQueueIgnoresMovesAndEnter() {
        var state = state(total: 0)
        press(.character("j"), on: &state)
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(press(.enter, on: &state), [])
    }

    func testFilterIsTypedLiveAndEscapeClearsIt() {
        var state = state(total: 20)
        state.queue.selected = 7
        XCTAssertEqual(press(.character("/"), on: &state), [])
        XCTAssertEqual(state.line?.purpose, .filter)
        XCTAssertEqual(press(.character("q"), on: &state), [.reload(.window)], "q is text while filtering")
        XCTAssertEqual(press(.character("u"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.filter, "qu")
        XCTAssertEqual(state.queue.selected, 0)
        XCTAssertEqual(press(.backspace, on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.filter, "q")
        XCTAssertEqual(press(.enter, on: &state), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.queue.filter, "q", "Enter keeps the filter")
        XCTAssertEqual(press(.escape, on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.filter, "")
    }

    /// `/` on a kept filter edits it: the cursor at its end, the words kept, not typed after.
    func testSlashOnAKeptFilterEditsIt() {
        var state = state(total: 20)
        _ = type("/owner:ana bill", on: &state)
        press(.enter, on: &state)
        press(.character("/"), on: &state)
        XCTAssertEqual(state.line, LineEditor(.filter, text: "owner:ana bill"))
        press(.control("w"), on: &state)
        XCTAssertEqual(state.queue.filter, "owner:ana ")
        press(.home, on: &state)
        _ = type("tag:x ", on: &state)
        XCTAssertEqual(state.queue.filter, "tag:x owner:ana ")
    }

    func testEnterOpensTheSelectedConversationAndEscapeGoesBack() {
        var state = state(total: 5)
        press(.character("j"), on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.load(.conversation(2))])
        _ = Update.update(.show(.conversation(ConversationState(detail: ConversationDetail(row: state.queue.rows[1], messages: [], events: [])))),
                          state: &state, layout: layout)
        XCTAssertEqual(state.scope, .conversation)
        XCTAssertEqual(press(.character("q"), on: &state), [], "q in a conversation goes back")
        XCTAssertNil(state.conversation)
        XCTAssertEqual(press(.character("q"), on: &state), [.quit], "q on the queue quits")
    }

    /// The rotation opened over a conversation goes back to it; the handoff report opened
    /// from the rotation goes back to the rotation, then the conversation, then the queue.
    func testScreensStackAndEscapeUnwindsThem() {
        var state = state(total: 5)
        let open = ConversationState(detail: ConversationDetail(row: state.queue.rows[0], messages: [], events: []))
        let rotation = RotationScreenState(rotation: Fixtures.team().rotation, now: Fixtures.now, zone: Fixtures.utc)
        _ = Update.update(.show(.conversation(open)), state: &state, layout: layout)
        XCTAssertEqual(press(.character("o"), on: &state), [.load(.rotation)])
        _ = Update.update(.show(.rotation(rotation)), state: &state, layout: layout)
        _ = Update.update(.show(.handoff(HandoffScreenState(lines: []))), state: &state, layout: layout)
        XCTAssertEqual(state.behind.map(\.scope), [.conversation, .rotation])
        XCTAssertEqual(state.conversation, open, "still open under the others")
        press(.escape, on: &state)
        XCTAssertEqual(state.scope, .rotation)
        press(.escape, on: &state)
        XCTAssertEqual(state.scope, .conversation)
        press(.escape, on: &state)
        XCTAssertEqual(state.scope, .queue)
    }

    func testHelpOpensWithQuestionMarkAndAnyKeyClosesIt() {
        var state = state(total: 5)
        press(.character("?"), on: &state)
        XCTAssertTrue(state.showHelp)
        XCTAssertEqual(press(.character("q"), on: &state), [], "q closes the help, not baton")
        XCTAssertFalse(state.showHelp)
    }

    func testOnAShortScreenTheHelpScrollsAndAnyOtherKeyClosesIt() {
        let short = Layout(width: 60, height: 15)
        var state = state(total: 5)
        let count = HelpView.lines(state).count
        let rows = HelpView.rows(height: 15, count: count)
        press(.character("?"), .character("j"), on: &state, layout: short)
        XCTAssertEqual(state.overlay, .help(scroll: 1), "j scrolls when not every key fits")
        press(.character(" "), on: &state, layout: short)
        XCTAssertEqual(state.overlay, .help(scroll: 1 + rows), "a page at a time")
        press(.character(" "), .character(" "), .character(" "), on: &state, layout: short)
        XCTAssertEqual(state.overlay, .help(scroll: count - rows), "a page down stops at the last key")
        press(.up, on: &state, layout: short)
        XCTAssertEqual(state.overlay, .help(scroll: count - rows - 1))
        press(.character("x"), on: &state, layout: short)
        XCTAssertNil(state.overlay)

        let tall = Layout(width: 80, height: 60)
        press(.character("?"), .character("j"), on: &state, layout: tall)
        XCTAssertFalse(state.showHelp, "with every key on screen, j closes it like any key")
    }

    func testAKeyThisScreenDoesNotBindRings() {
        var state = state(total: 5)
        XCTAssertEqual(press(.character("Z"), on: &state), [.ring])
        state.screen = .handoff(HandoffScreenState(lines: []))
        XCTAssertEqual(press(.character("c"), on: &state), [.ring], "no team keys on the handoff report")
    }

    func testResizeAndCtrlLRedrawAndReloadEverything() {
        var state = state(total: 5)
        XCTAssertEqual(press(.resize, on: &state), [.redraw, .reload(.all)])
        XCTAssertEqual(press(.control("l"), on: &state), [.redraw, .reload(.all)])
    }

    func testConversationScrollsWithinItsLines() {
        var state = state(total: 1)
        let messages = (0..<10).map { Message(id: Int64($0), authorKind: .customer, authorName: "P", body: "line \($0)", createdAt: Fixtures.now) }
        state.screen = .conversation(ConversationState(detail: ConversationDetail(row: state.queue.rows[0], messages: messages, events: [])))
        let small = Layout(width: 80, height: 12)  // six thread rows, thirty lines
        press(.character("G"), on: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 24)
        press(.character("j"), on: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 24)
        press(.character("g"), .character("k"), on: &state, layout: small)
        XCTAssertEqual(state.conversation?.scroll, 0)
    }

    // MARK: outcomes

    func testAFinishedWriteIsShownAndReloadsOnce() {
        var state = state(total: 5)
        let conflict = ActionConflict.owned(conversation: 3, by: "dave", basis: .claim, since: Fixtures.now.addingTimeInterval(-2))
        XCTAssertEqual(Update.update(.written(.claim(3), .conflict(conflict)), state: &state, layout: layout), [.reload(.all)])
        XCTAssertEqual(state.notice, "#3: dave claimed this 2 s ago; T takes it over")
        XCTAssertEqual(Update.update(.written(.claim(3), .failed("the store was busy")), state: &state, layout: layout), [.reload(.all)])
        XCTAssertEqual(state.notice, "#3: the store was busy")
    }

    func testTheClockTicksIntoTheState() {
        var state = state(total: 1)
        let later = Fixtures.now.addingTimeInterval(61)
        XCTAssertEqual(Update.update(.tick(now: later, point: nil), state: &state, layout: layout), [])
        XCTAssertEqual(state.now, later)
        XCTAssertEqual(Update.update(.storeChanged, state: &state, layout: layout), [.reload(.all)])
    }

    func testACollidedReplyAsksAndNoKeepsTheDraft() {
        var state = state(total: 1)
        _ = Update.update(.ask(question: "dave wrote while you were writing. Queue your reply anyway? y/n", requests: [.queueReply(1, body: "hi")]),
                          state: &state, layout: layout)
        XCTAssertEqual(press(.character("n"), on: &state), [])
        XCTAssertEqual(state.notice, "not sent; your reply is kept as a draft and R opens it again")
        _ = Update.update(.ask(question: "?", requests: [.queueReply(1, body: "hi")]), state: &state, layout: layout)
        XCTAssertEqual(press(.character("y"), on: &state), [.write(.queueReply(1, body: "hi"))])
    }

    // MARK: views, marks and the command line

    func testNumberKeysSwitchViewsFromTheTop() {
        var state = state(total: 20)
        state.queue.selected = 7
        XCTAssertEqual(press(.character("2"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.view, 1)
        XCTAssertEqual(state.views[state.queue.view].filter, "is:mine")
        XCTAssertEqual(state.queue.selected, 0)
        press(.character("6"), on: &state)
        XCTAssertEqual(state.views[state.queue.view].name, "solved")
        XCTAssertEqual(press(.character("1"), on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.view, 0)
    }

    func testMarkedRowsAreActedOnTogetherAndThenUnmarked() {
        var state = state(total: 5)
        press(.character("v"), on: &state)
        XCTAssertEqual(state.queue.selected, 1, "v moves on, as in mutt")
        press(.character("j"), .character("v"), on: &state)
        XCTAssertEqual(Set(state.queue.marks.keys), [1, 3])
        XCTAssertEqual(press(.character("c"), on: &state), [.write(.claim(1)), .write(.claim(3))])
        XCTAssertTrue(state.queue.marks.isEmpty)
        XCTAssertEqual(state.notice, "claiming 2 marked…")
        // The outcomes come in one by one; the line says how all of them went, the refusals in full.
        let conflict = ActionConflict.owned(conversation: 3, by: "dave", basis: .claim, since: Fixtures.now.addingTimeInterval(-2))
        _ = Update.update(.written(.claim(3), .conflict(conflict)), state: &state, layout: layout)
        XCTAssertEqual(state.notice, "claiming 2 marked: 1 of 2…")
        _ = Update.update(.written(.claim(1), .done(nil)), state: &state, layout: layout)
        XCTAssertEqual(state.notice, "claiming 2 marked: 1 of 2 done; #3: dave claimed this 2 s ago; T takes it over")
        XCTAssertNil(state.batch)

        press(.character("g"), .character("v"), .character("v"), on: &state)
        press(.character("a"), on: &state)
        guard case .picker(let picker) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(picker.title, "assign 2 marked to")
        XCTAssertEqual(press(.enter, on: &state), [.write(.assign(1, to: "ana", version: 1)), .write(.assign(2, to: "ana", version: 1))])

        press(.character("g"), .character("v"), .character("v"), .character("t"), on: &state)
        XCTAssertEqual(state.line?.label, "tags of 2 marked (+tag -tag):")
        _ = type("+outage", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.write(.tag(1, add: ["outage"], remove: [])), .write(.tag(2, add: ["outage"], remove: []))])

        press(.character("v"), on: &state)
        XCTAssertEqual(press(.escape, on: &state), [], "Esc drops the marks first")
        XCTAssertTrue(state.queue.marks.isEmpty)
    }

    func testTheCommandLineJumpsAndActs() {
        var state = state(total: 5)
        press(.character(":"), on: &state)
        _ = type("#42", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.load(.conversation(42))])
        press(.character(":"), on: &state)
        _ = type("42", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.load(.conversation(42))])
        press(.character(":"), on: &state)
        _ = type("assign dave", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.write(.assign(1, to: "dave", version: 1))])
        press(.character(":"), on: &state)
        _ = type("status pending", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.write(.status(1, .pending, version: 1))])
        press(.character(":"), on: &state)
        _ = type("tag +billing -urgent", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.write(.tag(1, add: ["billing"], remove: ["urgent"]))])
        press(.character(":"), on: &state)
        _ = type("claim", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.write(.claim(1))])
        press(.character(":"), on: &state)
        _ = type("assign zed", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [])
        XCTAssertEqual(state.notice, "zed is not on the roster; Tab completes names")
        press(.character(":"), on: &state)
        _ = type("frobnicate", on: &state)
        press(.enter, on: &state)
        XCTAssertEqual(state.notice, "no command :frobnicate; Tab completes, ? lists the keys")
        press(.character(":"), on: &state)
        _ = type("view unowned", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.reload(.window)])
        XCTAssertEqual(state.queue.view, 2)
        press(.character(":"), .character("q"), on: &state)
        XCTAssertEqual(press(.enter, on: &state), [.quit])
    }

    func testTabCompletesCommandsThenEngineers() {
        var state = state(total: 5)
        press(.character(":"), .character("a"), .character("s"), .tab, on: &state)
        XCTAssertEqual(state.line?.text, "assign ", "one command starts so: completed, with a space")
        press(.character("d"), .tab, on: &state)
        XCTAssertEqual(state.line?.text, "assign dave", "dave and dora: nothing longer in common, so each in turn")
        press(.tab, on: &state)
        XCTAssertEqual(state.line?.text, "assign dora")
        press(.tab, on: &state)
        XCTAssertEqual(state.line?.text, "assign dave")
        press(.control("u"), .character("s"), .character("t"), .tab, on: &state)
        XCTAssertEqual(state.line?.text, "status ", "one command starts so")
        press(.control("u"), on: &state)
        _ = type("status pe", on: &state)
        press(.tab, on: &state)
        XCTAssertEqual(state.line?.text, "status pending ")
        press(.control("u"), .character("r"), .character("e"), .tab, on: &state)
        XCTAssertEqual(state.line?.text, "refresh", "refresh, release, reply: each in turn")
        press(.tab, on: &state)
        XCTAssertEqual(state.line?.text, "release")
        press(.character("x"), .tab, on: &state)
        XCTAssertEqual(state.line?.text, "releasex")
        XCTAssertEqual(state.notice, "nothing completes “releasex”")
    }

    func testAReaderCannotActFromTheCommandLineEither() {
        var state = state(total: 5, me: nil)
        state.ownership.readerReason = "you (unix user bob) are not on the roster in baton.toml"
        press(.character(":"), on: &state)
        _ = type("claim", on: &state)
        XCTAssertEqual(press(.enter, on: &state), [])
        XCTAssertEqual(state.notice, "you (unix user bob) are not on the roster in baton.toml")
    }

    func testTabChoosesAnotherConversationOfTheCustomerAndEnterOpensIt() {
        var state = state(total: 5)
        var open = ConversationState(detail: ConversationDetail(row: state.queue.rows[0], messages: [], events: []))
        open.related = [Fixtures.row(8, subject: "other"), Fixtures.row(9, subject: "third")]
        state.screen = .conversation(open)
        XCTAssertEqual(press(.enter, on: &state), [], "nothing chosen: Enter reads on")
        press(.tab, .tab, on: &state)
        XCTAssertEqual(state.conversation?.chosen, 1)
        XCTAssertEqual(press(.enter, on: &state), [.load(.conversation(9))])
        press(.tab, on: &state)
        XCTAssertNil(state.conversation?.chosen, "past the last, back to none")
    }

    func testTheLineEditorMovesAndDeletesLikeAShell() {
        var editor = LineEditor(.command, text: "assign dave")
        XCTAssertTrue(editor.edit(.control("a")))
        XCTAssertTrue(editor.edit(.character("x")))
        XCTAssertEqual(editor.text, "xassign dave")
        XCTAssertTrue(editor.edit(.backspace))
        XCTAssertTrue(editor.edit(.control("d")))
        XCTAssertEqual(editor.text, "ssign dave", "^D deletes under the cursor")
        XCTAssertTrue(editor.edit(.character("a")))
        XCTAssertTrue(editor.edit(.control("e")))
        XCTAssertTrue(editor.edit(.control("w")))
        XCTAssertEqual(editor.text, "assign ")
        XCTAssertTrue(editor.edit(.left))
        XCTAssertTrue(editor.edit(.control("k")))
        XCTAssertEqual(editor.text, "assign")
        XCTAssertFalse(editor.edit(.enter))
    }
}
