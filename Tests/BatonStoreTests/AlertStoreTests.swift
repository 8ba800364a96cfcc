import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// Alerts in the store (issue 12): raised once by key whichever process decides them,
/// acknowledged once with an audit event, `notify_command` claimed by exactly one process,
/// and run as a real program with the alert in its environment.
final class AlertStoreTests: StoreTestCase {
    func alert(_ id: Int64, key: String, kind: Alert.Kind = .atRisk, engineer: String? = "ana", detail: String = "") -> Alert {
        Alert(key: key, kind: kind, engineer: engineer, conversation: id, customer: "acme", subject: "Router drops",
              due: now.addingTimeInterval(600), text: "#\(id) at risk: Acme — Router drops", detail: detail)
    }

    func testAnAlertIsRaisedOnceByKeyAcrossConnections() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50), actor: "test", at: now)
        let other = try SQLiteStore(path: store.path)
        XCTAssertEqual(try store.raiseAlerts([alert(id, key: "k1")], actor: "ana", at: now).count, 1)
        XCTAssertEqual(try other.raiseAlerts([alert(id, key: "k1"), alert(id, key: "k2")], actor: "dave", at: now).map(\.alert.key), ["k2"])
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false).map(\.alert.key), ["k1", "k2"])
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: true), [])
        _ = try store.setStatus(id, to: .solved, actor: "ana", expectedVersion: nil, at: now)
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false), [], "solved: its alerts are moot")
    }

    func testAcknowledgingIsOnceAndAnAuditEvent() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50), actor: "test", at: now)
        let raised = try XCTUnwrap(try store.raiseAlerts([alert(id, key: "k1")], actor: "ana", at: now).first)
        XCTAssertTrue(try store.acknowledgeAlert(raised.id, by: "ana", at: now.addingTimeInterval(30)))
        XCTAssertFalse(try SQLiteStore(path: store.path).acknowledgeAlert(raised.id, by: "ana", at: now.addingTimeInterval(31)),
                       "a second screen finds it acknowledged")
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false), [])
        let events = try store.conversation(id).events.filter { $0.kind == "alert_acknowledged" }
        XCTAssertEqual(events.map(\.actor), ["ana"])
        XCTAssertEqual(events.first?.detail, "at_risk (k1)")
        XCTAssertEqual(try store.alerts(keys: ["k1"]).first?.acknowledgedBy, "ana")
    }

    func testEscalationsAndBreachesAreEventsAndAGapEscalationWaitsForPoint() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50), actor: "test", at: now)
        try store.raiseAlerts([alert(id, key: "e1", kind: .escalated, engineer: nil, detail: "ana is off shift"),
                               alert(id, key: "b1", kind: .breached, engineer: "ana", detail: "csm: carol")], actor: "erin (serve)", at: now)
        let events = try store.conversation(id).events
        XCTAssertEqual(events.first { $0.kind == "escalated" }?.detail, "to notify_command (nobody holds point): ana is off shift")
        XCTAssertEqual(events.first { $0.kind == "breached" }?.detail, "owner ana; csm: carol")
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: false).map(\.alert.key), [])
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: true).map(\.alert.key), ["e1"], "whoever takes point next sees it")
    }

    func testTheNotifyClaimGoesToExactlyOneOfManyConnections() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50), actor: "test", at: now)
        let raised = try XCTUnwrap(try store.raiseAlerts([alert(id, key: "k1")], actor: "ana", at: now).first)
        let path = store.path
        let wins = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            guard let connection = try? SQLiteStore(path: path) else { return }
            if (try? connection.claimNotify(raised.id, claimant: "p\(index)", at: Date())) == true { wins.add() }
        }
        XCTAssertEqual(wins.value, 1)
        XCTAssertNotNil(try store.notifyState(raised.id).claimedBy)
    }

    func testNotifyCommandRunsARealProgramOnceWithTheAlertInItsEnvironment() throws {
        let id = try store.createConversation(conversation("Router drops; $(rm -rf ~)", minutesAgo: 50), actor: "test", at: now)
        let script = folder + "/notify.sh"
        let out = folder + "/notified"
        // The line is split by CommandWords: the quoted argument arrives as one word, never through a shell.
        try """
            #!/bin/sh
            printf '%s|%s|%s|%s|%s|%s|%s|%s\\n' "$1" "$BATON_ALERT" "$BATON_CONVERSATION" "$BATON_CUSTOMER" "$BATON_SUBJECT" "$BATON_DUE" "$BATON_ENGINEER" "$BATON_TEXT" >> "$2"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        var team = Self.team(path: store.path)
        team.notifyCommand = try CommandWords.split("\(script) 'page me' \(out)")
        var raisedAlert = alert(id, key: "k1")
        raisedAlert.subject = "Router drops; $(rm -rf ~)"
        let raised = try store.raiseAlerts([raisedAlert], actor: "ana", at: now)
        let first = AlertNotifier(store: try SQLiteStore(path: store.path), team: team, actor: "ana")
        let second = AlertNotifier(store: try SQLiteStore(path: store.path), team: team, actor: "dave")
        first.notify(raised, now: now)
        second.notify(raised, now: now)
        first.wait()
        second.wait()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines, ["page me|at_risk|\(id)|acme|Router drops; $(rm -rf ~)|2026-11-23T14:10:00Z|ana|#\(id) at risk: Acme — Router drops"],
                       "once, though two processes were asked")
        XCTAssertEqual(try store.notifyState(raised[0].id).outcome, "notify.sh exit 0")
    }

    func testAFailingOrHangingCommandIsLoggedAndRecorded() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50), actor: "test", at: now)
        var team = Self.team(path: store.path)
        team.notifyCommand = ["/bin/sh", "-c", "echo relay down >&2; exit 3"]
        team.engineers[1].notifyCommand = ["/bin/sleep", "30"]
        let raised = try store.raiseAlerts([alert(id, key: "k1"), alert(id, key: "k2", engineer: "dave")], actor: "ana", at: now)
        let logged = Log()
        let notifier = AlertNotifier(store: try SQLiteStore(path: store.path), team: team, actor: "ana", timeout: 0.5, log: { logged.add($0) })
        let started = Date()
        notifier.notify(raised, now: now)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.2, "the caller never waits for the program")
        notifier.wait()
        XCTAssertEqual(try store.notifyState(raised[0].id).outcome, "sh exit 3: relay down")
        XCTAssertEqual(try store.notifyState(raised[1].id).outcome, "timed out after 0.5 s")
        XCTAssertEqual(logged.lines.count, 2)
        XCTAssertEqual(try store.conversation(id).events.filter { $0.kind == "notify_failed" }.count, 2)
    }

    func testLastKeysComeFromOpenScreensOnly() throws {
        try store.screenBeat(engineer: "ana", lastKey: now.addingTimeInterval(-300), host: "box", pid: 1, at: now)
        try store.screenBeat(engineer: "ana", lastKey: now.addingTimeInterval(-20), host: "box", pid: 2, at: now)
        try store.screenBeat(engineer: "dave", lastKey: now, host: "box", pid: 3, at: now.addingTimeInterval(-60))
        XCTAssertEqual(try store.lastKeys(now: now), ["ana": now.addingTimeInterval(-20)], "the latest key of ana's screens; dave's screen is gone")
        try store.clearScreen(host: "box", pid: 2)
        XCTAssertEqual(try store.lastKeys(now: now), ["ana": now.addingTimeInterval(-300)])
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [String] = []
        func add(_ line: String) { lock.withLock { kept.append(line) } }
        var lines: [String] { lock.withLock { kept } }
    }
}

/// The watch a screen or serve keeps: decides from the store and raises each alert once.
final class AlertWatchTests: StoreTestCase {
    func testAWatchRaisesTheAtRiskAlertAndItsEscalationOnceAndWritesNothingWhileTheyHold() throws {
        // Enterprise: 1 h, warned 15 min before. Due in 10 min: at risk since 5 min ago.
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 50, owner: "ana"), actor: "test", at: now)
        let team = Self.team(path: store.path)
        let watch = AlertWatch(store: store, team: team, actor: "erin (serve)")
        let raised = try watch.pass(now: now, rotation: team.rotation)
        XCTAssertEqual(raised.map(\.alert.kind), [.atRisk, .escalated])
        XCTAssertNil(raised[1].alert.engineer, "no region holds point: notify_command, then whoever takes point")
        let token = try store.changeToken()
        let other = try SQLiteStore(path: store.path)
        let tokenSeenElsewhere = try other.changeToken()
        XCTAssertEqual(try watch.pass(now: now.addingTimeInterval(5), rotation: team.rotation), [])
        XCTAssertEqual(try AlertWatch(store: other, team: team, actor: "ana").pass(now: now.addingTimeInterval(6), rotation: team.rotation), [],
                       "a second process decides the same alerts and raises none")
        XCTAssertEqual(try store.changeToken(), token)
        XCTAssertEqual(try other.changeToken(), tokenSeenElsewhere, "no write: no screen wakes")
        XCTAssertEqual(try store.conversation(id).events.filter { $0.kind == "escalated" }.count, 1)
    }
}
