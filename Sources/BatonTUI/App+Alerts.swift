import BatonCore
import BatonStore
import Foundation

/// A screen's part in alerts (issue 12): every few seconds it decides and stores alerts
/// (`AlertWatch`, shared with `baton serve`), reads the viewer's open ones into the update
/// (`Event.alerts`), says which key was pressed last (escalation's idea of presence), runs
/// `notify_command` for the viewer's alerts off the loop, and performs the bell, the
/// desktop notification and the acknowledgement the update asks for.
final class AppAlerts {
    let store: AlertStore
    let watch: AlertWatch
    let notifier: AlertNotifier?
    let viewer: String
    let host = HostName.current
    let pid = getpid()
    var lastPass = Date.distantPast
    var lastBeat = Date.distantPast
    var lastKey: Date
    /// Alerts this process has handed to the notifier already (the store's claim makes it
    /// once across processes; this spares the claim's write on every reload).
    var handed: Set<Int64> = []

    /// How often a screen decides alerts: every five seconds.
    static let passSeconds: TimeInterval = 5

    init(store: AlertStore, team: TeamConfig, viewer: String, notifier: AlertNotifier?, now: Date) {
        self.store = store
        self.viewer = viewer
        self.notifier = notifier
        watch = AlertWatch(store: store, team: team, actor: viewer)
        lastKey = now
    }
}

extension App {
    /// Turns alerts on for this screen's viewer: `notifyStore`, a connection of its own, runs
    /// `notify_command` (nil: this screen runs none). Off by default, so that a look at another
    /// week (BATON_NOW on a team's store) raises nothing; `baton` turns it on where handoffs run.
    public func enableAlerts(notifyStore: AlertStore?) {
        guard let store = store as? AlertStore, let me = state.ownership.me else { return }
        let notifier = notifyStore.map { AlertNotifier(store: $0, team: team, actor: me) }
        alerting = AppAlerts(store: store, team: team, viewer: me, notifier: notifier, now: clock())
        state.alerts = AlertsState(style: team.engineer(me)?.alert ?? .bell, insideTmux: !(environment["TMUX"] ?? "").isEmpty)
    }

    /// Every `passSeconds`, or at once with `force` (start, a store change): decide and store
    /// alerts, then hand the viewer's open ones to the update.
    func passAlerts(force: Bool) {
        guard let alerting else { return }
        let now = clock()
        beatScreen(now: now)
        guard force || now.timeIntervalSince(alerting.lastPass) >= AppAlerts.passSeconds else { return }
        alerting.lastPass = now
        _ = attempt { try alerting.watch.pass(now: now, rotation: pointClock.rotation) }
        let holdsPoint = state.point?.current?.engineer == alerting.viewer
        guard let open = attempt({ try alerting.store.openAlerts(for: alerting.viewer, holdsPoint: holdsPoint) }) else { return }
        let fresh = open.filter { !alerting.handed.contains($0.id) }
        alerting.handed.formUnion(fresh.map(\.id))
        alerting.notifier?.notify(fresh, now: now)
        guard open != state.alerts.open || !fresh.isEmpty else { return }
        // The update rings by the state's clock: bring it to now first (ticks send it only after this pass).
        send(clockEvent())
        send(.alerts(open))
    }

    /// A key was pressed: the viewer is at the keyboard.
    func alertKeyPressed() {
        guard let alerting else { return }
        alerting.lastKey = clock()
        beatScreen(now: alerting.lastKey, force: alerting.lastBeat < alerting.lastKey.addingTimeInterval(-1))
    }

    func beatScreen(now: Date, force: Bool = false) {
        guard let alerting, force || now.timeIntervalSince(alerting.lastBeat) >= ScreenBeat.seconds else { return }
        alerting.lastBeat = now
        try? alerting.store.screenBeat(engineer: alerting.viewer, lastKey: alerting.lastKey, host: alerting.host, pid: alerting.pid, at: now)
    }

    func leaveAlerts() {
        guard let alerting else { return }
        try? alerting.store.clearScreen(host: alerting.host, pid: alerting.pid)
        alerting.notifier?.wait()
    }

    func acknowledgeAlert(_ id: Int64) {
        guard let alerting else { return }
        _ = attempt { try alerting.store.acknowledgeAlert(id, by: alerting.viewer, at: clock()) }
    }

    func desktopNotify(title: String, body: String) {
        let bytes = AlertOSC.sequence(title: title, body: body, insideTmux: state.alerts.insideTmux)
        notifications.append(bytes)
        (terminal as? CursesTerminal)?.sendRaw(bytes)
    }
}
