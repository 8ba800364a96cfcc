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

    /// The keys as events through the update; the effects of the last one.
    func press(_ keys: Key..., on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = Update.update(.key(key), state: &state, layout: layout) }
        return effects
    }

    func testClaimReleaseAndNoteAskTheStoreWithTheVersionSeen() {
        var state = state()
        XCTAssertEqual(press(.character("c"), on: &state), [.write(.claim(7))])
        XCTAssertEqual(press(.character("u"), on: &state), [.write(.release(7, version: 3))])
        XCTAssertEqual(press(.character("n"), on: &state), [.compose(.note, 7)])
        XCTAssertEqual(press(.character("R"), on: &state), [.compose(.reply, 7)])
    }

    func testAReaderIsToldWhyAndNothingIsAsked() {
        var state = state(me: nil)
        for key in ["c", "T", "a", "e", "u", "s", "R", "n", "t"] {
            XCTAssertEqual(press(.character(Character(key)), on: &state), [], key)
            XCTAssertEqual(state.notice, "you (unix user bob) are not on the roster in baton.toml", key)
            XCTAssertNil(state.overlay, key)
        }
    }

    func testTakeAsksAndOnlyYesTakes() {
        var state = state(owner: "dave")
        XCTAssertEqual(press(.character("T"), on: &state), [])
        XCTAssertEqual(state.overlay, .confirm(question: "Take #7 from dave? y/n", requests: [.take(7, version: 3)]))
        XCTAssertEqual(press(.character("q"), on: &state),  [], "q answers no; it does not quit")
        XCTAssertEqual(state.notice, "nothing changed")
        XCTAssertEqual(press(.character("T"), .character("y"), on: &state), [.write(.take(7, version: 3))])
        var mine = self.state(owner: "ana")
        XCTAssertEqual(press(.character("T"), on: &mine), [])
        XCTAssertEqual(mine.notice, "#7 is already yours")
    }

    func testPickersStayInBoundsAndEscapeCancels() {
        var state = state()
        _ = press(.character("a"), on: &state)
        _ = press(.character("j"), .character("j"), .character("j"), on: &state)
        guard case .picker(let picker) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(picker.selected, 1, "two engineers: the last one")
        XCTAssertEqual(press(.escape, on: &state), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(press(.character("a"), .character("k"), .enter, on: &state), [.write(.assign(7, to: "ana", version: 3))])
    }

    func testStatusPickerStartsOnTheCurrentStatus() {
        var state = state(status: .onHold)
        _ = press(.character("s"), on: &state)
        guard case .picker(let picker) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(picker.options[picker.selected].value, "on_hold")
        XCTAssertEqual(picker.options[picker.selected].note, "now")
        XCTAssertEqual(press(.character("j"), .enter, on: &state), [.write(.status(7, .solved, version: 3))])
    }

    func testRopeInLeavesOutTheOwner() {
        var state = state(owner: "dave")
        _ = press(.character("e"), on: &state)
        guard case .picker(let picker) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(picker.options.map(\.value), ["ana"])
    }

    func testRopeInLeavesOutWhoIsInAlreadyAndAssignSaysSo() {
        var state = state(owner: "dave")
        state.ownership.roster.append(RosterEntry(id: "ben", name: "Ben", region: "europe"))
        state.queue.rows[0].collaborators = ["ben"]
        _ = press(.character("e"), on: &state)
        guard case .picker(let ropeIn) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(ropeIn.options.map(\.value), ["ana"], "ben is roped in already")
        _ = press(.escape, .character("a"), on: &state)
        guard case .picker(let assign) = state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(assign.options.first { $0.value == "ben" }?.note.hasPrefix("roped in"), true)
    }
}
