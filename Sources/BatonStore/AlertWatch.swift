import BatonCore
import Foundation

/// One process's watch over the store for alerts: each `pass` reads a snapshot, lets the
/// pure rules (`AlertRules`, `Escalation`) decide, and stores what they raise. Screens and
/// `baton serve` each keep one; the store's keys make every alert once, whoever decides it.
public final class AlertWatch {
    let store: AlertStore
    let team: TeamConfig
    /// Who writes the audit events ("ana", "erin (serve)").
    let actor: String
    private(set) var before: AlertSnapshot?
    /// Keys this watch knows the store holds.
    private var known: Set<String> = []

    public init(store: AlertStore, team: TeamConfig, actor: String) {
        self.store = store
        self.team = team
        self.actor = actor
    }

    /// Decides and stores the alerts since the last pass; returns those newly raised.
    /// `rotation` carries the store's overrides; `handoffText` is the point alert's text.
    @discardableResult
    public func pass(now: Date, rotation: Rotation, handoffText: String? = nil) throws -> [AlertRecord] {
        let since = before?.at ?? now.addingTimeInterval(-AlertRules.lookback)
        let horizon = (team.tiers.map { max($0.warnBefore, $0.escalateAfter) }.max() ?? Tier.defaultWarnBefore) + Int64(AlertRules.lookback)
        let conversations = try store.alertConversations(team: team, since: since, now: now, horizon: horizon)
        let holder = rotation.regions.isEmpty ? nil : rotation.holder(at: now)
        let snapshot = AlertSnapshot(at: now, conversations: conversations, pointHolder: holder?.engineer, pointSince: holder?.start)
        var text = handoffText
        if text == nil, let before, let incoming = holder?.engineer, before.pointHolder != incoming {
            text = try handoffSummary(for: incoming, since: holder?.start ?? now, now: now)
        }
        var alerts = AlertRules.decide(before: before, after: snapshot, handoffText: text)
        let onShift = Set(team.engineers.filter { $0.region == holder?.region }.map(\.id) + [holder?.engineer].compactMap { $0 })
        let atRiskKeys = conversations.compactMap { c in c.due.map { "at_risk:\(c.id):\(Int64($0.timeIntervalSince1970))" } }
        let raised = Dictionary(try store.alerts(keys: atRiskKeys).map { ($0.alert.key, $0) }, uniquingKeysWith: { a, _ in a })
        alerts += Escalation.decide(snapshot, people: Escalation.People(onShift: onShift, lastKey: try store.lastKeys(now: now), atRisk: raised))
        before = snapshot
        // Escalations are decided again on every pass while they hold: only keys the store
        // lacks reach a write, so a screen takes the write lock only to raise something new.
        alerts.removeAll { known.contains($0.key) }
        if !alerts.isEmpty {
            known.formUnion(try store.alerts(keys: alerts.map(\.key)).map(\.alert.key))
            alerts.removeAll { known.contains($0.key) }
        }
        let stored = try store.raiseAlerts(alerts, actor: actor, at: now)
        known.formUnion(alerts.map(\.key))
        return stored
    }

    /// The point alert's text: the handoff report's first line and its counts, when the
    /// handoff to `engineer` has run (else nil, and the alert says H shows the report).
    func handoffSummary(for engineer: String, since: Date, now: Date) throws -> String? {
        guard let report = try store.handoffReport(for: engineer, now: now), report.handoff.toEngineer == engineer,
              report.handoff.boundary >= since.addingTimeInterval(-60) else { return nil }
        let heading = HandoffReportText.lines(report, team: team, now: now, zone: TimeZone(identifier: "UTC")!).first ?? "Handoff"
        return "point is yours: \(heading); moved to you \(report.transferred.count), breaching soon \(report.breachingSoon.count), "
            + "notes \(report.notes.count) · H shows the report"
    }
}
