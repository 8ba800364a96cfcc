import BatonCore
import BatonStore
import Foundation

/// Issue 12's alerts: what a screen pays every five seconds to decide them (`AlertWatch.pass`:
/// the snapshot, the rules, escalation with everyone's last keys), on the bench store.
enum AlertBench {
    static func run(store: AlertStore, team: TeamConfig) throws {
        let watch = AlertWatch(store: store, team: team, actor: "bench")
        let start = Date()
        let rotation = try store.rotationWithOverrides(team.rotation)
        let first = try seconds { try watch.pass(now: start, rotation: rotation) }
        var times: [Double] = []
        for step in 1...21 {
            times.append(try seconds { try watch.pass(now: start.addingTimeInterval(Double(step * 5)), rotation: rotation) })
        }
        print(String(format: "alert pass, %d open conversations (every screen, every 5 s; median of 21): %.2f ms (the first, looking back 10 min: %.2f ms)",
                     try store.queueSize(QueueQuery()), median(times) * 1000, first * 1000))
    }
}
