import BatonCore
import BatonStore
import Foundation

/// NPS answers into the store. Every answer is kept (keyed by email and time); a
/// detractor's (0 to 6) with a comment also becomes a conversation for the customer's
/// dedicated pair. Answers from team addresses are kept marked internal, never counted
/// and never queued: a survey that asked the team must not skew the score.
public struct NPSIntake {
    public let roster: Roster

    public init(roster: Roster) { self.roster = roster }

    public func store(_ answer: NPSAnswer, writer: IntakeWriter) throws -> IngestReport {
        var report = IngestReport()
        let key = "nps:\(answer.email.lowercased()):\(Int64(answer.time.timeIntervalSince1970))"
        if try writer.hasNPS(key) {
            report.skipped += 1
            return report
        }
        let isInternal = roster.isInternal(email: answer.email)
        let customer = roster.customer(email: answer.email)
        var conversation: Int64?
        if !isInternal && answer.score <= 6 && !answer.comment.isEmpty {
            let comment = StoredText.storable(answer.comment)
            // Received now (the import), answered when the CSV says: yesterday's survey is
            // today's follow-up, not a row of breaches.
            let message = NewMessage(externalKey: key, authorKind: .customer, authorName: answer.email, authorID: answer.email.lowercased(),
                                     body: "NPS score \(answer.score)/10\n\n\(comment)", createdAt: writer.now, sentAt: answer.time)
            let new = NewConversation(
                externalKey: key, customerID: customer?.id,
                customerName: customer?.name ?? EmailIntake.unknownCustomer(Roster.domain(answer.email) ?? "?"),
                tierID: customer?.tier ?? roster.lowestTier,
                subject: "NPS \(answer.score)/10: " + StoredText.subject(comment), source: .nps,
                ownerID: customer?.engineer, ownerVia: .dedicated, messages: [message])
                // Without a dedicated engineer, whoever holds point takes the detractor.
                .resolvingOwner(team: roster.team, at: writer.now)
            let (id, created) = try writer.create(new)
            conversation = id
            if created {
                // A follow-up, due by the tier's nps_follow_up from receipt, not the first-response target.
                let tier = roster.team.tiers.first { $0.id == new.tierID }
                try writer.setDeadline(id, due: writer.now.addingTimeInterval(TimeInterval(tier?.npsFollowUp ?? Tier.defaultNPSFollowUp)))
                report.conversationsCreated += 1
                report.messagesAdded += 1
                let pair = [customer?.engineer, customer?.csm.map { "\($0) (CSM)" }].compactMap { $0 }
                try writer.recordEvent(kind: "nps", conversation: id,
                                       detail: "score \(answer.score)" + (pair.isEmpty ? "; no dedicated pair" : "; for " + pair.joined(separator: " and ")))
            }
        }
        _ = try writer.recordNPS(NPSRecord(externalKey: key, answeredAt: answer.time, email: answer.email.lowercased(), customerID: customer?.id,
                                           isInternal: isInternal, score: answer.score, comment: StoredText.storable(answer.comment),
                                           conversationID: conversation))
        return report
    }
}
