import BatonCore
import BatonStore
import Foundation

/// Writes off the event loop, on a connection of their own. A store held by a long writer
/// makes a write wait up to the busy timeout; done here, the screen keeps drawing and
/// reading meanwhile (WAL readers are never blocked), and the outcome is picked up by the
/// loop's next tick. One serial queue keeps this screen's actions in the order typed.
public final class BackgroundWriter: @unchecked Sendable {
    let store: TeamStore
    private let queue = DispatchQueue(label: "baton.writes")
    private let lock = NSLock()
    private var finished: [(OwnershipRequest, Result<ActionResult?, Error>)] = []
    private var heartbeatPending = false
    private var submitted = 0

    /// Whether an action is still being written: the loop then looks for its outcome
    /// often, so it is drawn as soon as it is known.
    var isBusy: Bool { lock.withLock { submitted > 0 } }

    /// `store` should be a connection other than the screen's own, so reads never wait behind it.
    public init(store: TeamStore) {
        self.store = store
    }

    func submit(_ request: OwnershipRequest, _ work: @escaping @Sendable (TeamStore) throws -> ActionResult?) {
        lock.withLock { submitted += 1 }
        queue.async {
            let result = Result { try work(self.store) }
            self.lock.withLock {
                self.finished.append((request, result))
                self.submitted -= 1
            }
        }
    }

    /// Heartbeats are dropped rather than queued while one is still waiting.
    func heartbeat(_ work: @escaping @Sendable (TeamStore) throws -> Void) {
        let start = lock.withLock { () -> Bool in
            guard !heartbeatPending else { return false }
            heartbeatPending = true
            return true
        }
        guard start else { return }
        queue.async {
            try? work(self.store)
            self.lock.withLock { self.heartbeatPending = false }
        }
    }

    /// The outcomes since the last call.
    func takeFinished() -> [(OwnershipRequest, Result<ActionResult?, Error>)] {
        lock.withLock {
            defer { finished = [] }
            return finished
        }
    }

    /// Waits until everything submitted so far is done (quitting, and tests).
    public func wait() {
        queue.sync {}
    }
}
