import Foundation
import PostgresNIO

/// The change feed's side of LISTEN/NOTIFY: one connection per process that only listens,
/// counting notifications and collecting the conversation ids they carry.
///
/// Why a connection of its own: a notification arrives whenever the server sends it, and
/// a connection that also runs the screen's reads or a writer's transactions would hold
/// it behind them; and a pooler in transaction mode breaks LISTEN on a shared connection
/// (the poll in `PostgresStore.changeToken` covers a feed that hears nothing). When the
/// connection is lost it is made again on the next `check` (with `PostgresSession`'s
/// backoff) and LISTENs again; what was sent in between is unknown, so the count moves
/// and the ids are marked incomplete.
final class PostgresFeed: @unchecked Sendable {
    private let url: PostgresURL
    private let password: String?
    private(set) var session: PostgresSession?
    private let lock = NSLock()
    private var notified: Int64 = 0
    private var ids: Set<Int64> = []
    /// False when a notification may have been missed since the last `take` (the listener
    /// was lost, or a payload named no conversation).
    private var complete = true
    private var lastAttempt = Date.distantPast
    /// Held while connecting, so two threads never make two listeners.
    private let connecting = NSLock()
    /// The first connection is being made (on its own thread).
    private var firstConnecting = false

    init(url: PostgresURL, password: String?) {
        self.url = url
        self.password = password
    }

    /// Makes sure the listener is connected (connecting the first time, reconnecting when
    /// lost, with backoff); returns whether it is. Cheap when it is: no round trip.
    ///
    /// The first connection is made on a thread of its own and this returns false until it
    /// is listening: a screen's first look for changes comes before its first frame, which
    /// then waits for one login, not two. Until then the caller polls (`changeToken` does),
    /// and listening counts as a change, so nothing between is missed.
    @discardableResult
    func check() -> Bool {
        connecting.withLock {
            // Lost: the session reconnects with its backoff and LISTENs again (see `prepare`).
            if let session { return session.isConnected || (try? session.live()) != nil }
            let now = Date()
            guard !firstConnecting, now.timeIntervalSince(lastAttempt) >= PostgresSession.lastRetry else { return false }
            lastAttempt = now
            firstConnecting = true
            Thread.detachNewThread { [self] in
                let made = try? PostgresSession(url: url, password: password, prepare: { [weak self] connection in
                    guard let self else { return }
                    connection.addListener(channel: PostgresSchema.channel) { [weak self] _, notification in
                        self?.heard(notification.payload)
                    }
                    try PostgresSession.execute("LISTEN \(PostgresSchema.channel)", on: connection)
                    // Listening (again): what came before is not known.
                    markIncomplete()
                })
                connecting.withLock {
                    session = made
                    firstConnecting = false
                }
            }
            return false
        }
    }

    /// Waits until the listener is connected, up to `timeout` seconds; whether it is.
    /// For callers that must not miss a notification from the start (tests).
    func waitUntilListening(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !check() {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    private func heard(_ payload: String) {
        lock.withLock {
            notified += 1
            if let id = Int64(payload), id > 0 { ids.insert(id) } else { complete = false }
        }
    }

    private func markIncomplete() {
        lock.withLock {
            notified += 1
            complete = false
        }
    }

    /// How many notifications (and losses) so far: part of the change token.
    var count: Int64 { lock.withLock { notified } }

    /// The conversation ids notified since the last call, and whether that is all that
    /// changed (false after a loss: the caller must refetch everything).
    func take() -> (ids: Set<Int64>, complete: Bool) {
        lock.withLock {
            defer {
                ids = []
                complete = true
            }
            return (ids, complete)
        }
    }
}
