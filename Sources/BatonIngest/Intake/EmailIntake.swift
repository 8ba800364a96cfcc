import BatonCore
import BatonStore
import Foundation

/// Mail into the store. A message joins the conversation its In-Reply-To or References
/// name, else an open one of the same customer with the same subject, else starts one.
/// Keyed by Message-ID (or a digest of the raw bytes when it has none), so delivering
/// it twice adds nothing; a message that cannot be read at all is quarantined whole.
public struct EmailIntake {
    public let roster: Roster

    public init(roster: Roster) { self.roster = roster }

    /// One message read and parsed, ready to store: parsing happens before the store's
    /// write transaction opens, so a slow or hostile message never holds the store.
    public struct Parsed: Sendable {
        let raw: [UInt8]
        let origin: String
        let result: Result<EmailMessage, EmailError>
        let arrival: Arrival
        /// Kept for a reply by mail (To, Cc, Reply-To, References); read with the rest, off the writer's thread.
        let replyHeaders: StoredMailHeaders?

        /// SHA-256 of the raw bytes, hex: needed only for mail without a Message-ID and for
        /// the quarantine, so it is worked out only then.
        var digest: String { EmailIntake.digest(raw) }
    }

    /// How the time baton received a message is found. Never from its Date header, which
    /// is what the sender's machine claimed (kept as `sentAt`).
    public enum Arrival: Sendable {
        /// Handed over as it arrives (`ingest email` on stdin): the clock's now.
        case now
        /// Stored before (mbox, maildir): the topmost `Received:` field's date, else
        /// `fallback` (the maildir file's delivery time, the mbox "From " line's), else now.
        case delivered(fallback: Date?)
        /// Known already: a quarantined message released keeps the time it first arrived.
        case at(Date)
    }

    /// Parses one raw message; needs no store. `origin` names it in reports
    /// ("stdin", "inbox.mbox: message 3 (line 120)").
    /// `envelopeSender` is the SMTP envelope's sender, for mail without From (see `EmailMessage.parse`).
    public static func parse(_ raw: [UInt8], origin: String, arrival: Arrival = .now, envelopeSender: String? = nil) -> Parsed {
        let result: Result<EmailMessage, EmailError>
        do { result = .success(try EmailMessage.parse(raw, envelopeSender: envelopeSender)) } catch { result = .failure(error) }
        let replyHeaders = (try? result.get()).map { MailReplyHeaders.read(raw, parsed: $0) }
        return Parsed(raw: raw, origin: origin, result: result, arrival: arrival, replyHeaders: replyHeaders)
    }

    /// When baton received `email`, as `arrival` says; `now` when nothing else does.
    static func receivedAt(_ email: EmailMessage, arrival: Arrival, now: Date) -> Date {
        switch arrival {
        case .now: return now
        case let .delivered(fallback): return email.receivedAt ?? fallback ?? now
        case let .at(instant): return instant
        }
    }

    /// Stores one parsed message inside the caller's transaction.
    public func store(_ parsed: Parsed, writer: IntakeWriter) throws -> IngestReport {
        var report = IngestReport()
        let raw = parsed.raw, origin = parsed.origin
        let email: EmailMessage
        switch parsed.result {
        case let .success(message):
            email = message
        case let .failure(error):
            if try writer.quarantine(source: "email", origin: origin, reason: error.message, raw: Data(raw), digest: parsed.digest) {
                report.quarantined += 1
            } else {
                report.skipped += 1
                report.rejected += 1
            }
            report.problems.append("\(origin): cannot be parsed (\(error.message)); kept whole in the quarantine")
            return report
        }
        report.problems += email.problems.map { "\(origin): \($0)" }
        let key = email.messageID.map { "email:" + $0 } ?? "email-sha256:" + parsed.digest
        if try writer.hasMessage(key) {
            report.skipped += 1
            return report
        }
        let receivedAt = Self.receivedAt(email, arrival: parsed.arrival, now: writer.now)
        if let bounce = email.bounce {
            return try file(bounce, key: key, at: receivedAt, parsed: parsed, writer: writer, report: report)
        }
        let message = newMessage(email, key: key, at: receivedAt)
        let subject = StoredText.storable(Self.threadSubject(email.subject))
        let customer = customer(for: email)
        let replyHeaders = parsed.replyHeaders ?? MailReplyHeaders.read(raw, parsed: email)
        if let id = try thread(email, customerName: customer.name, subject: subject, authorID: message.authorID ?? "", at: receivedAt, writer: writer) {
            if try writer.append(message, to: id) {
                report.messagesAdded += 1
                try writer.recordMailHeaders(replyHeaders, forMessage: key)
                try writer.keepAttachments(email.files, ofMessage: key)
            } else {
                report.skipped += 1
            }
            return report
        }
        _ = try writer.create(NewConversation(externalKey: key, customerID: customer.id, customerName: customer.name, tierID: customer.tier,
                                              subject: subject, source: .email, messages: [message])
            .resolvingOwner(team: roster.team, at: message.createdAt))
        try writer.recordMailHeaders(replyHeaders, forMessage: key)
        try writer.keepAttachments(email.files, ofMessage: key)
        report.conversationsCreated += 1
        report.messagesAdded += 1
        return report
    }

    /// A bounce never opens a conversation: it is noted, as a system message, on the one
    /// that holds the returned message; a failure (not a delay) of a reply baton sent also
    /// marks that reply failed in the outbox, with the report's reason. One whose message
    /// baton never saw has no place: it is quarantined.
    func file(_ bounce: Bounce, key: String, at date: Date, parsed: Parsed, writer: IntakeWriter, report: IngestReport) throws -> IngestReport {
        var report = report
        var conversation: Int64?
        if let returned = bounce.returnedMessageID {
            if bounce.isFailure { conversation = try writer.markReplyBounced(messageID: returned, reason: bounce.replyFailure) }
            if conversation == nil { conversation = try writer.conversationID(ofMessage: "email:" + returned) }
        }
        if let id = conversation {
            let note = NewMessage(externalKey: key, authorKind: .system, authorName: "mail delivery", body: StoredText.storable(bounce.summary), createdAt: date)
            if try writer.append(note, to: id) { report.messagesAdded += 1 } else { report.skipped += 1 }
            return report
        }
        let why = "a delivery failure notice (\(bounce.summary)) for a message baton does not hold"
        if try writer.quarantine(source: "email", origin: parsed.origin, reason: why, raw: Data(parsed.raw), digest: parsed.digest, kind: .noPlace) {
            report.quarantined += 1
        } else {
            report.skipped += 1
        }
        report.problems.append("\(parsed.origin): \(why); kept in the quarantine")
        return report
    }

    /// The conversation a message belongs to: by the ids it answers, newest first, then by
    /// subject, only one its author already writes in and active in the last 14 days.
    func thread(_ email: EmailMessage, customerName: String, subject: String, authorID: String, at date: Date, writer: IntakeWriter) throws -> Int64? {
        if let conversation = try writer.conversationID(ofFirstMessageIn: (email.inReplyTo + email.references.reversed()).map { "email:" + $0 }) {
            return conversation
        }
        guard subject != Self.noSubject, !authorID.isEmpty else { return nil }
        return try writer.openConversation(source: .email, customerName: customerName, subject: subject, authorID: authorID,
                                           since: date.addingTimeInterval(-Self.subjectWindow))
    }

    /// How long (seconds) a subject alone keeps a thread together: 14 days.
    static let subjectWindow: TimeInterval = 14 * 86_400

    /// The message as stored: received at `date`, with its Date header kept as `sentAt`.
    func newMessage(_ email: EmailMessage, key: String, at date: Date) -> NewMessage {
        let address = email.from.address
        let name = email.from.name.flatMap { $0.isEmpty ? nil : $0 } ?? address
        let body = StoredText.storable(email.text)
        // An out-of-office reply neither reopens a conversation nor restarts its clock.
        if email.isAutomatic {
            return NewMessage(externalKey: key, authorKind: .bot, authorName: name, authorID: address.lowercased(), body: body, createdAt: date,
                              sentAt: email.date)
        }
        if let engineer = roster.engineer(email: address) {
            return NewMessage(externalKey: key, authorKind: .team, authorName: engineer.name, authorID: engineer.id, body: body, createdAt: date,
                              sentAt: email.date)
        }
        let kind: AuthorKind = roster.isInternal(email: address) ? .team : .customer
        return NewMessage(externalKey: key, authorKind: kind, authorName: name, authorID: address.lowercased(), body: body, createdAt: date,
                          sentAt: email.date)
    }

    /// The customer by the sender's domain; for team mail, by the first recipient outside
    /// the team. A domain no customer claims lands as an unknown customer at the lowest tier.
    func customer(for email: EmailMessage) -> (id: String?, name: String, tier: String) {
        var addresses = [email.from.address]
        if roster.isInternal(email: email.from.address) {
            addresses = email.recipients.map(\.address).filter { !roster.isInternal(email: $0) }
        }
        for address in addresses {
            if let customer = roster.customer(email: address) { return (customer.id, customer.name, customer.tier) }
        }
        if email.from.address.isEmpty { return (nil, EmailMessage.unknownSender.name!, roster.lowestTier) }
        let domain = addresses.first.flatMap(Roster.domain) ?? email.from.domain ?? "?"
        return (nil, Self.unknownCustomer(domain), roster.lowestTier)
    }

    static func unknownCustomer(_ domain: String) -> String { "unknown (\(domain))" }

    static let noSubject = "(no subject)"

    /// "Re:", "Fwd:" and their translations, as mail clients put them before a subject.
    static let replyPrefixes = ["re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "vs:", "tr:", "rif:"]

    /// The subject threads compare: without "Re:", "Fwd:" and their translations in front.
    static func threadSubject(_ subject: String) -> String {
        var text = Substring(subject.trimmingBlanks)
        var changed = true
        while changed {
            changed = false
            // Only the few characters a prefix can take are lowered: lowering the whole
            // subject for every prefix stripped made "Re: " repeated quadratic.
            let head = text.prefix(4).lowercased()
            for prefix in replyPrefixes where head.hasPrefix(prefix) {
                text = text.dropFirst(prefix.count).drop { $0 == " " || $0 == "\t" }
                changed = true
                break
            }
        }
        let result = text.utf8.contains(0x0A) ? String(text).replacingOccurrences(of: "\n", with: " ") : String(text)
        return result.isEmpty ? noSubject : String(result.prefix(200))
    }

    static func digest(_ raw: [UInt8]) -> String { ContentDigest.sha256Hex(raw) }
}
