import BatonCore
import BatonStore
import Foundation

/// Sends what is due in the outbox, one reply at a time: first marks replies left in
/// `sending` by a dead sender `unconfirmed`, then claims each due reply in the store
/// (so no other sender takes it), hands it to its source's connector, and records the
/// outcome. Used by `baton outbox send` (once) and `baton serve` (every few seconds).
public final class OutboxSender {
    public struct Report: Equatable, Sendable {
        public var sent: [Int64] = []
        public var failed: [(Int64, String)] = []
        public var unconfirmed: [Int64] = []

        public static func == (a: Report, b: Report) -> Bool {
            a.sent == b.sent && a.unconfirmed == b.unconfirmed && a.failed.map(\.0) == b.failed.map(\.0) && a.failed.map(\.1) == b.failed.map(\.1)
        }
    }

    let store: StoreBackend
    let connectors: [Source: ReplyConnector]
    /// "HOST PID": what a claim records, and how a later sender tells whether it still runs.
    public let sender: String
    let actor: String
    let clock: () -> Date
    /// A claim older than this counts as abandoned even when its process seems alive
    /// (a sender on another host, or one hung): seconds.
    public var staleAfter: TimeInterval = 15 * 60
    /// Seconds between two "a sender ran" marks; the header warns after a minute without one.
    public var heartbeat: TimeInterval = 20
    var lastHeartbeat: Date?

    public init(store: StoreBackend, connectors: [ReplyConnector], actor: String, clock: @escaping () -> Date) {
        self.store = store
        self.connectors = Dictionary(connectors.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        self.sender = "\(Self.hostName()) \(getpid())"
        self.actor = actor
        self.clock = clock
        // A sendmail that exits before reading its input must fail the write, not kill us.
        signal(SIGPIPE, SIG_IGN)
    }

    /// One pass: recover, then send everything due (at most `limit` replies).
    public func sendDue(limit: Int = 1_000) throws -> Report {
        var report = Report()
        let sources = Set(connectors.keys)
        // "A sender ran" is written at most every `heartbeat` seconds and the rest only when
        // there is work: every write wakes every screen's change feed.
        let now = clock()
        if lastHeartbeat.map({ now.timeIntervalSince($0) >= heartbeat }) ?? true {
            try store.noteSenderRan(at: now)
            lastHeartbeat = now
        }
        guard try store.outboxHasWork(sources: sources, at: now) else { return report }
        report.unconfirmed = try store.markAbandoned(isAlive: Self.isAlive, staleAfter: staleAfter, by: actor, at: clock())
        for _ in 0..<limit {
            guard let reply = try store.claimDueReply(sources: sources, sender: sender, at: clock(), remoteID: { [connectors] reply in
                connectors[reply.source]?.remoteID(for: reply)
            }) else { break }
            guard let connector = connectors[reply.source] else { break }
            switch connector.send(reply) {
            case let .sent(remoteID, key):
                try store.markSent(reply.messageID, remoteID: remoteID, messageKey: key, by: actor, at: clock())
                report.sent.append(reply.messageID)
            case let .failed(reason, temporary):
                try store.markFailed(reply.messageID, reason: reason, temporary: temporary, by: actor, at: clock())
                report.failed.append((reply.messageID, reason))
            }
        }
        return report
    }

    /// Whether the sender a claim names still runs: on this host, its process exists; on
    /// another host we cannot tell, so only the claim's age counts.
    public static func isAlive(_ claim: String) -> Bool {
        guard let space = claim.lastIndex(of: " "), let pid = pid_t(claim[claim.index(after: space)...]) else { return false }
        guard String(claim[..<space]) == hostName() else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        return String(cString: buffer)
    }
}
