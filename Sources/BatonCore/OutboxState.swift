import Foundation

/// Where a reply to the customer stands in the outbox. `queued` waits for a sender;
/// `sending` is claimed by one sender, which is handing it over now; `sent` was accepted
/// by the mail server or Slack; `failed` was refused (with a next try when the failure
/// was temporary); `unconfirmed` was found in `sending` after its sender died, so the
/// mail server or Slack may or may not have it: a person checks and retries, baton never
/// sends it again by itself; `cancelled` was withdrawn by a person before it left.
public enum OutboxState: String, CaseIterable, Sendable, Codable {
    case queued, sending, sent, failed, unconfirmed, cancelled

    /// The backoff before try `attempt + 1` after `attempt` temporary failures (1, 2, ...):
    /// one minute, doubling, at most one hour; nil once `maximumAttempts` are spent, when
    /// the reply waits for a person. Seconds.
    public static func retryDelay(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt < maximumAttempts else { return nil }
        return min(60 * pow(2, Double(max(attempt, 1) - 1)), 3_600)
    }

    /// Temporary failures tried this many times in all before a person must retry.
    public static let maximumAttempts = 8
}
