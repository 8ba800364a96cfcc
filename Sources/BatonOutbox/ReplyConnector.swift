import BatonCore
import BatonStore

/// What a connector made of one reply.
public enum SendOutcome: Equatable, Sendable {
    /// Handed over: the remote id (Message-ID without brackets, or Slack's ts) and the key
    /// the reply is stored under from now on ("email:ID", "slack:CHANNEL:TS").
    case sent(remoteID: String, messageKey: String?)
    /// Not handed over. `temporary` failures are tried again after a backoff.
    case failed(reason: String, temporary: Bool)
}

/// Sends replies of one source. Called on the sender's thread, one reply at a time; it may
/// block (a sendmail run, an HTTP request).
public protocol ReplyConnector: AnyObject {
    var source: Source { get }
    /// The id to keep before the first try (an email's Message-ID); nil when the remote side gives it.
    func remoteID(for reply: OutboxReply) -> String?
    func send(_ reply: OutboxReply) -> SendOutcome
}
