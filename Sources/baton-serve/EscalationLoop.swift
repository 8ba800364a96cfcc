import BatonCore
import BatonStore
import Foundation

/// `baton serve` watches for alerts all day (issue 12, items 9 and 10): a thread of its own
/// decides alerts and escalations every 15 seconds with its own store connection, and runs
/// `notify_command` for the alerts of engineers with no baton screen open, and for
/// escalations in a gap. Screens do the same for their viewer; the store's keys and claims
/// make each alert and each run once. Never under BATON_NOW: a moved clock must not page anyone.
enum EscalationLoop {
    static let interval: TimeInterval = 15

    static func start(team: TeamConfig, log: @escaping @Sendable (String) -> Void) throws {
        guard (ProcessInfo.processInfo.environment["BATON_NOW"] ?? "").isEmpty else {
            log("BATON_NOW is set: no alerts, escalations or notify_command from serve")
            return
        }
        let store = try openStore(location: team.storePath)
        let notifier = AlertNotifier(store: try store.reopenAlerts(), team: team, actor: "\(NSUserName()) (serve)", log: log)
        let thread = Thread {
            let watch = AlertWatch(store: store, team: team, actor: "\(NSUserName()) (serve)")
            var handed: Set<Int64> = []
            while true {
                do {
                    let now = Date()
                    let rotation = try store.rotationWithOverrides(team.rotation)
                    try watch.pass(now: now, rotation: rotation)
                    let present = try store.lastKeys(now: now)
                    let due = try store.unclaimedAlerts(since: now.addingTimeInterval(-3_600)).filter { record in
                        !handed.contains(record.id) && (record.alert.engineer.map { present[$0] == nil } ?? true)
                    }
                    handed.formUnion(due.map(\.id))
                    notifier.notify(due, now: now)
                } catch {
                    log("alerts: \(error)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.name = "alerts"
        thread.start()
    }
}
