import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

/// The team's keys as pure state transitions: what they ask of the store, and what they
/// put on screen, without a store.
final class OwnershipKeyTests: XCTestCase {
    let layout = Layout(width: 80, height: 10)

    func state(me: String? = "ana", owner: String? = nil, status: ConversationStatus = .open) -> AppState {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        var row = Fixtures.row(7, subject: "s", owner: owner, status: status)
        row.version = 3
        state.queue.rows = [row]
        state.queue.total = 1
        state.ownership.me = me
        state.ownership.readerReason = "you (unix user bob) are not on the roster in baton.toml"
        state.ownership.roster = [RosterEntry(id: "ana", name: "Ana", region: "europe"), RosterEntry(id: "dave", name: "Dave", region: "us")]
        return state
    }

    func press(_ keys: Key..., on state: inout AppState) -> Action {
        var action = Action.none
        for key in keys { action = KeyHandler.handle(key, state: &state, layout: layout) }
        return action
    }

    func testClaimReleaseAndNoteAskTheStoreWithTheVersionSeen() {
        var state = state()
        XCTAssertEqual(press(.character("c"), on: &state), .ownership(.claim(7)))
        XCTAssertEqual(press(.character("u"), on: &state), .ownership(.release(7, version: 3)))
        XCTAssertEqual(press(.character("n"), on: &state), .ownership(.note(7)))
        XCTAssertEqual(press(.character("R"), on: &state), .ownership(.reply(7)))
    }

    func testAReaderIsToldWhyAndNothingIsAsked() {
        var state = state(me: nil)
        for key in ["c", "T", "a", "e", "u", "s", "R", "n", "t"] {
            XCTAssertEqual(press(.character(Character(key)), on: &state), .none, key)
            XCTAssertEqual(state.notice, "you (unix user bob) are not on the roster in baton.toml", key)
            XCTAssertNil(state.ownership.prompt, key)
        }
    }

    func testTakeAsksAndOnlyYesTakes() {
        var state = state(owner: "dave")
        XCTAssertEqual(press(.character("T"), on: &state), .none)
        XCTAssertEqual(state.ownership.prompt, .confirm(question: "Take #7 from dave? y/n", request: .take(7, version: 3)))
        XCTAssertEqual(press(.character("q"), on: &state), .none, "q answers no; it does not quit")
        XCTAssertEqual(state.notice, "nothing changed")
        XCTAssertEqual(press(.character("T"), .character("y"), on: &state), .ownership(.take(7, version: 3)))
        var mine = self.state(owner: "ana")
        XCTAssertEqual(press(.character("T"), on: &mine), .none)
        XCTAssertEqual(mine.notice, "#7 is already yours")
    }

    func testPickersStayInBoundsAndEscapeCancels() {
        var state = state()
        _ = press(.character("a"), on: &state)
        _ = press(.character("j"), .character("j"), .character("j"), on: &state)
        guard case .pick(let picker) = state.ownership.prompt else { return XCTFail("no picker") }
        XCTAssertEqual(picker.selected, 1, "two engineers: the last one")
        XCTAssertEqual(press(.escape, on: &state), .none)
        XCTAssertNil(state.ownership.prompt)
        XCTAssertEqual(press(.character("a"), .character("k"), .enter, on: &state), .ownership(.assign(7, to: "ana", version: 3)))
    }

    func testStatusPickerStartsOnTheCurrentStatus() {
        var state = state(status: .onHold)
        _ = press(.character("s"), on: &state)
        guard case .pick(let picker) = state.ownership.prompt else { return XCTFail("no picker") }
        XCTAssertEqual(picker.options[picker.selected].value, "on_hold")
        XCTAssertEqual(picker.options[picker.selected].note, "now")
        XCTAssertEqual(press(.character("j"), .enter, on: &state), .ownership(.status(7, .solved, version: 3)))
    }

    func testRopeInLeavesOutTheOwner() {
        var state = state(owner: "dave")
        _ = press(.character("e"), on: &state)
        guard case .pick(let picker) = state.ownership.prompt else { return XCTFail("no picker") }
        XCTAssertEqual(picker.options.map(\.value), ["ana"])
    }

    func testRopeInLeavesOutWhoIsInAlreadyAndAssignSaysSo() {
        var state = state(owner: "dave")
        state.ownership.roster.append(RosterEntry(id: "ben", name: "Ben", region: "europe"))
        state.queue.rows[0].collaborators = ["ben"]
        _ = press(.character("e"), on: &state)
        guard case .pick(let ropeIn) = state.ownership.prompt else { return XCTFail("no picker") }
        XCTAssertEqual(ropeIn.options.map(\.value), ["ana"], "ben is roped in already")
        _ = press(.escape, .character("a"), on: &state)
        guard case .pick(let assign) = state.ownership.prompt else { return XCTFail("no picker") }
        XCTAssertEqual(assign.options.first { $0.value == "ben" }?.note.hasPrefix("roped in"), true)
    }
}
