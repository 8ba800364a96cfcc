import BatonCore
import Foundation
import XCTest

/// The alert decisions of issue 12, items 8 and 9: each kind once at its crossing, the
/// re-ring after five minutes, and escalation for an owner off shift, idle or silent.
final class AlertRulesTests: XCTestCase {
    let t0 = utc("2026-11-30T10:00:00Z")

    func conversation(_ id: Int64, owner: String?, created: Date? = nil, due: Date?, csm: String? = nil) -> AlertSnapshot.Conversation {
        AlertSnapshot.Conversation(id: id, owner: owner, customerID: "acme", customerName: "Acme", subject: "Router drops",
                                   createdAt: created ?? t0.addingTimeInterval(-86_400), due: due, warnBefore: 900, escalateAfter: 600, csm: csm)
    }

    func snapshot(_ at: Date, _ conversations: [AlertSnapshot.Conversation], point: String? = "ana") -> AlertSnapshot {
        AlertSnapshot(at: at, conversations: conversations, pointHolder: point, pointSince: utc("2026-11-30T07:00:00Z"))
    }

    func testANewConversationAlertsItsOwnerOrThePointHolder() {
        let before = snapshot(t0, [])
        let after = snapshot(t0.addingTimeInterval(5), [
            conversation(1, owner: "dave", created: t0.addingTimeInterval(3), due: t0.addingTimeInterval(3_600)),
            conversation(2, owner: nil, created: t0.addingTimeInterval(4), due: t0.addingTimeInterval(3_600)),
            conversation(3, owner: "dave", created: t0.addingTimeInterval(-1), due: t0.addingTimeInterval(3_600)),
        ])
        let alerts = AlertRules.decide(before: before, after: after)
        XCTAssertEqual(alerts.map(\.kind), [.owned, .unowned])
        XCTAssertEqual(alerts.map(\.engineer), ["dave", "ana"])
        XCTAssertEqual(alerts.map(\.key), ["new:1", "new:2"])
        XCTAssertEqual(alerts[1].text, "#2 new, unowned, you hold point: Acme — Router drops")
        XCTAssertEqual(AlertRules.decide(before: after, after: snapshot(t0.addingTimeInterval(10), after.conversations)), [], "once: the next pass raises nothing")
        XCTAssertEqual(AlertRules.decide(before: before, after: snapshot(t0.addingTimeInterval(5), after.conversations, point: nil)).map(\.kind), [.owned],
                       "unowned in a gap: nobody holds point to tell")
    }

    func testAtRiskWhenTheWarningWindowOpensAndBreachedAtTheDeadline() {
        let due = t0.addingTimeInterval(900 + 30)  // the warning window opens at t0 + 30 s
        let c = conversation(7, owner: "dave", due: due, csm: "carol")
        XCTAssertEqual(AlertRules.decide(before: snapshot(t0, [c]), after: snapshot(t0.addingTimeInterval(29), [c])), [], "still ok")
        let risk = AlertRules.decide(before: snapshot(t0.addingTimeInterval(29), [c]), after: snapshot(t0.addingTimeInterval(31), [c]))
        XCTAssertEqual(risk.map(\.kind), [.atRisk])
        XCTAssertEqual(risk.first?.engineer, "dave")
        XCTAssertEqual(risk.first?.key, "at_risk:7:\(Int64(due.timeIntervalSince1970))")
        XCTAssertEqual(risk.first?.due, due)
        let breach = AlertRules.decide(before: snapshot(due.addingTimeInterval(-1), [c]), after: snapshot(due, [c]))
        XCTAssertEqual(breach.map(\.kind), [.breached])
        XCTAssertEqual(breach.first?.detail, "csm: carol", "a breach names the customer's CSM")
        let moved = conversation(7, owner: "dave", due: due.addingTimeInterval(3_600))
        XCTAssertEqual(AlertRules.decide(before: snapshot(due.addingTimeInterval(-1), [moved]), after: snapshot(due, [moved])), [],
                       "an answer moved the deadline: nothing breached")
    }

    func testAFreshProcessLooksBackTenMinutesOnly() {
        let recent = conversation(1, owner: "dave", due: t0.addingTimeInterval(-60))
        let old = conversation(2, owner: "dave", due: t0.addingTimeInterval(-3_600))
        let alerts = AlertRules.decide(before: nil, after: snapshot(t0, [recent, old]))
        XCTAssertEqual(alerts.map(\.key), ["breached:1:\(Int64(t0.timeIntervalSince1970) - 60)"], "last week's breaches do not flood a new screen")
    }

    func testPointPassingAlertsTheIncomingEngineer() {
        let alerts = AlertRules.decide(before: snapshot(t0, [], point: "ana"), after: snapshot(t0.addingTimeInterval(1), [], point: "dave"),
                                       handoffText: "Handoff Mon 30 Nov: ana → dave; 3 open, 1 breaches soon")
        XCTAssertEqual(alerts.map(\.kind), [.point])
        XCTAssertEqual(alerts.first?.engineer, "dave")
        XCTAssertEqual(alerts.first?.text, "Handoff Mon 30 Nov: ana → dave; 3 open, 1 breaches soon")
        XCTAssertEqual(AlertRules.decide(before: nil, after: snapshot(t0, [], point: "dave")), [], "a screen that starts does not call point new")
        XCTAssertEqual(AlertRules.decide(before: snapshot(t0, [], point: "dave"), after: snapshot(t0.addingTimeInterval(1), [], point: nil)), [])
    }

    func testItRingsAgainEveryFiveMinutesUntilAcknowledged() {
        XCTAssertTrue(AlertRules.ringsNow(lastRung: nil, now: t0))
        XCTAssertFalse(AlertRules.ringsNow(lastRung: t0, now: t0.addingTimeInterval(299)))
        XCTAssertTrue(AlertRules.ringsNow(lastRung: t0, now: t0.addingTimeInterval(300)))
    }

    // MARK: escalation

    let due = utc("2026-11-30T10:10:00Z")  // at risk from 09:55

    func escalations(at now: Date, owner: String = "dave", point: String? = "ana", onShift: Set<String> = ["ana", "dave"],
                     lastKey: [String: Date] = [:], raised: AlertRecord? = nil, csm: String? = nil) -> [Alert] {
        let snap = snapshot(now, [conversation(9, owner: owner, due: due, csm: csm)], point: point)
        let risk = raised.map { [$0.alert.key: $0] } ?? [:]
        return Escalation.decide(snap, people: Escalation.People(onShift: onShift, lastKey: lastKey, atRisk: risk))
    }

    func testAnOwnerAtTheKeyboardWhoAcknowledgedDoesNotEscalate() {
        let now = utc("2026-11-30T10:00:00Z")
        let acked = AlertRecord(id: 1, alert: Alert(key: "at_risk:9:\(Int64(due.timeIntervalSince1970))", kind: .atRisk, engineer: "dave", text: ""),
                                raisedAt: utc("2026-11-30T09:55:00Z"), acknowledgedAt: utc("2026-11-30T09:56:00Z"))
        XCTAssertEqual(escalations(at: now, lastKey: ["dave": now.addingTimeInterval(-60)], raised: acked), [])
        XCTAssertEqual(escalations(at: utc("2026-11-30T09:54:59Z"), onShift: [], lastKey: [:]), [], "not at risk yet")
    }

    func testOffShiftIdleOrSilentOwnersEscalateToThePointHolder() {
        let now = utc("2026-11-30T10:00:00Z")
        let off = escalations(at: now, onShift: ["ana"], lastKey: ["dave": now])
        XCTAssertEqual(off.map(\.engineer), ["ana"])
        XCTAssertEqual(off.first?.kind, .escalated)
        XCTAssertEqual(off.first?.detail, "dave is off shift")

        let idle = escalations(at: now, lastKey: ["dave": now.addingTimeInterval(-600)])
        XCTAssertEqual(idle.first?.detail, "dave pressed no key in baton for 10m", "a screen in a detached tmux gets no keys")
        XCTAssertEqual(escalations(at: now, lastKey: [:]).first?.detail, "dave has no baton screen open")
        XCTAssertEqual(escalations(at: now, lastKey: ["dave": now.addingTimeInterval(-599)]), [])

        let silent = AlertRecord(id: 1, alert: Alert(key: "at_risk:9:\(Int64(due.timeIntervalSince1970))", kind: .atRisk, engineer: "dave", text: ""),
                                 raisedAt: utc("2026-11-30T09:55:00Z"))
        XCTAssertEqual(escalations(at: utc("2026-11-30T10:04:59Z"), lastKey: ["dave": now], raised: silent), [])
        XCTAssertEqual(escalations(at: utc("2026-11-30T10:05:00Z"), lastKey: ["dave": now], raised: silent).first?.detail,
                       "dave did not acknowledge within 10m")
    }

    func testInAGapOrWhenTheOwnerHoldsPointItGoesToNotifyCommand() {
        let now = utc("2026-11-30T10:00:00Z")
        let gap = escalations(at: now, point: nil, onShift: [], lastKey: [:])
        XCTAssertEqual(gap.count, 1)
        XCTAssertNil(gap.first?.engineer)
        XCTAssertEqual(escalations(at: now, point: "dave", lastKey: [:]).first.map { $0.engineer == nil }, true)
    }

    func testABreachOfACustomerWithACSMNamesTheCSM() {
        let breached = escalations(at: utc("2026-11-30T10:11:00Z"), onShift: ["ana"], lastKey: [:], csm: "carol")
        XCTAssertEqual(breached.first?.detail, "dave is off shift; dave has no baton screen open; breached, csm: carol")
        XCTAssertEqual(escalations(at: utc("2026-11-30T10:20:00Z"), onShift: ["ana"], lastKey: [:], csm: "carol"), [],
                       "escalate_after past the deadline it is old news")
    }

    func testDesktopNotificationsAreSafeAndWrappedForTmux() {
        let plain = AlertOSC.sequence(title: "at; risk", body: "#7 \u{1B}]0;owned\u{07} Acme", insideTmux: false)
        XCTAssertEqual(plain, "\u{1B}]777;notify;at, risk;#7 ^[]0;owned^G Acme\u{07}" + "\u{1B}]9;at, risk: #7 ^[]0;owned^G Acme\u{07}",
                       "no ESC or BEL of the customer's reaches the terminal; the title has no field separator")
        let wrapped = AlertOSC.sequence(title: "t", body: "b", insideTmux: true)
        XCTAssertEqual(wrapped, "\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;t;b\u{07}\u{1B}\u{1B}]9;t: b\u{07}\u{1B}\\")
    }
}
