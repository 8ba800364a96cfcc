import Foundation

/// Where a conversation stands against its deadline: `conv list --json`'s `sla_state`.
public enum SLAState: String, Sendable, Codable {
    /// Nothing is owed (or the clock stands still).
    case none
    case ok
    /// Within the tier's `warn_before` of the deadline.
    case atRisk = "at_risk"
    case breached

    /// `due` is the deadline (nil: none), `warnBefore` seconds, `now` the instant judged.
    public init(due: Date?, warnBefore: Int64, now: Date) {
        guard let due else { self = .none; return }
        if due <= now { self = .breached }
        else if due.timeIntervalSince(now) <= TimeInterval(warnBefore) { self = .atRisk }
        else { self = .ok }
    }
}
