import BatonCore
import Foundation

/// Alerts (issue 12, items 8–10): raised once by key, acknowledged once (an audit event),
/// claimed once for `notify_command`, and who is at a keyboard. Instants are UTC; `horizon`
/// is in seconds. Errors: `StoreError` for the store.
public protocol AlertStore: RotationStore {
    /// The open conversations the alert rules need between `since` and `now`.
    func alertConversations(team: TeamConfig, since: Date, now: Date, horizon: Int64) throws -> [AlertSnapshot.Conversation]
    /// Stores the alerts not stored yet (by key); returns those newly raised.
    func raiseAlerts(_ alerts: [Alert], actor: String, at now: Date) throws -> [AlertRecord]
    func openAlerts(for engineer: String, holdsPoint: Bool) throws -> [AlertRecord]
    func alerts(keys: [String]) throws -> [AlertRecord]
    func unclaimedAlerts(since: Date) throws -> [AlertRecord]
    /// False when it was already acknowledged.
    func acknowledgeAlert(_ id: Int64, by engineer: String, at now: Date) throws -> Bool
    /// True for exactly one claimant per alert, across every process.
    func claimNotify(_ id: Int64, claimant: String, at now: Date) throws -> Bool
    func recordNotifyOutcome(_ id: Int64, outcome: String, failed: Bool, actor: String, at now: Date) throws
    func notifyState(_ id: Int64) throws -> (claimedBy: String?, outcome: String?)
    /// This screen is open for `engineer`, its last key at `lastKey`.
    func screenBeat(engineer: String, lastKey: Date, host: String, pid: Int32, at now: Date) throws
    func clearScreen(host: String, pid: Int32) throws
    /// Each engineer with a screen open now, and the latest key pressed in any of them.
    func lastKeys(now: Date) throws -> [String: Date]
    /// Another connection to the same store (the notifier writes outcomes from its own queue).
    func reopenAlerts() throws -> AlertStore
}

/// How often a screen says it is open; a screen silent for `expirySeconds` is gone (seconds).
public enum ScreenBeat {
    public static let seconds: TimeInterval = 5
    public static let expirySeconds: TimeInterval = 20
}

extension SQLiteStore: AlertStore {
    public func reopenAlerts() throws -> AlertStore { try SQLiteStore(path: path) }
}
