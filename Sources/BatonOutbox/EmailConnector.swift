import BatonCore
import BatonIngest
import BatonStore
import Foundation

/// Sends replies to mail conversations through `[email] sendmail`.
public final class EmailConnector: ReplyConnector {
    public let source = Source.email
    let store: StoreBackend
    let mail: MailReply
    let sendmail: Sendmail
    let clock: @Sendable () -> Date

    public init(store: StoreBackend, mail: MailReply, sendmail: Sendmail, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.mail = mail
        self.sendmail = sendmail
        self.clock = clock
    }

    /// "baton.REPLY.RANDOM@DOMAIN", the domain of the default From: unique, and known as ours.
    public func remoteID(for reply: OutboxReply) -> String? {
        let domain = mail.teamFrom.first.flatMap(MailAddress.parse)?.domain ?? "baton.invalid"
        let random = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return "baton.\(reply.messageID).\(random)@\(domain)"
    }

    public func send(_ reply: OutboxReply) -> SendOutcome {
        guard let id = reply.remoteID else { return .failed(reason: "no Message-ID was made for it", temporary: false) }
        let answered: StoredMailHeaders
        do {
            guard let found = try store.answeredMail(conversation: reply.conversationID) else {
                return .failed(reason: "conversation \(reply.conversationID) holds no mail whose headers baton kept (it came in before baton kept them); reply from a mail program", temporary: false)
            }
            answered = found
        } catch {
            return .failed(reason: "cannot read the store: \(error)", temporary: true)
        }
        let text: String
        do {
            text = try mail.compose(body: reply.body, subject: reply.subject, answering: answered, messageID: id, date: clock())
        } catch {
            return .failed(reason: error.description, temporary: false)
        }
        switch sendmail.deliver(text) {
        case .accepted: return .sent(remoteID: id, messageKey: "email:" + id)
        case let .temporaryFailure(reason): return .failed(reason: reason, temporary: true)
        case let .failure(reason): return .failed(reason: reason, temporary: false)
        }
    }
}
