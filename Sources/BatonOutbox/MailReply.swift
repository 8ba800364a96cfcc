import BatonIngest
import BatonStore
import Foundation

/// A reply to a mail conversation as an RFC 5322 message, the way reply-all builds it:
/// From the team's address the customer wrote to (else the first of `[email] from`); To
/// the answered message's Reply-To, else its From; Cc its To and Cc minus the team's own
/// addresses and those already in To; Subject "Re: " and the thread's subject; Message-ID
/// made before sending; In-Reply-To the answered message; References its chain and it;
/// Date; a UTF-8 text/plain body, quoted-printable when it is not plain 7-bit.
public struct MailReply: Sendable {
    /// The team's support addresses in header form; the first is the default From.
    public var teamFrom: [String]
    /// Addresses (lower case) and domains that are the team's own, never copied.
    public var teamAddresses: Set<String>
    public var teamDomains: Set<String>

    public init(teamFrom: [String], teamAddresses: Set<String>, teamDomains: Set<String>) {
        self.teamFrom = teamFrom
        self.teamAddresses = Set(teamAddresses.map { $0.lowercased() })
        self.teamDomains = Set(teamDomains.map { $0.lowercased() })
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The message text with LF line ends (what `sendmail -t` reads). `messageID` without
    /// angle brackets. Throws `Problem` when no From is configured or nobody can be addressed.
    public func compose(body: String, subject: String, answering answered: StoredMailHeaders, messageID: String, date: Date) throws(Problem) -> String {
        let froms = teamFrom.compactMap(MailAddress.parse)
        guard let defaultFrom = froms.first else {
            throw Problem(description: "no [email] from in baton.toml: the team's support address to send from")
        }
        let toList = MailAddress.list(answered.to), ccList = MailAddress.list(answered.cc)
        // The team address the customer wrote to: the first in To, then in Cc, that is ours.
        let from = (toList + ccList).lazy.compactMap { addressed in
            froms.first { $0.address.lowercased() == addressed.address.lowercased() }
        }.first ?? defaultFrom
        let ours = teamAddresses.union(froms.map { $0.address.lowercased() })
        func isTeam(_ address: MailAddress) -> Bool {
            let lower = address.address.lowercased()
            return ours.contains(lower) || lower.split(separator: "@").last.map { teamDomains.contains(String($0)) } == true
        }
        var recipients = MailAddress.list(answered.replyTo)
        if recipients.isEmpty { recipients = MailAddress.list(answered.from) }
        recipients = unique(recipients.filter { !ours.contains($0.address.lowercased()) })
        guard !recipients.isEmpty else {
            throw Problem(description: "the message answered names no one outside the team to send to (From \(answered.from))")
        }
        let taken = Set(recipients.map { $0.address.lowercased() })
        let copies = unique((toList + ccList).filter { !isTeam($0) && !taken.contains($0.address.lowercased()) })

        var subjectText = subject.trimmingCharacters(in: .whitespaces)
        if !subjectText.lowercased().hasPrefix("re:") { subjectText = "Re: " + subjectText }
        let references = unique(answered.references + [answered.messageID].compactMap { $0 })
        var lines = [
            "From: " + MailText.mailbox(name: from.name, address: from.address),
            "To: " + recipients.map { MailText.mailbox(name: $0.name, address: $0.address) }.joined(separator: ",\n "),
        ]
        if !copies.isEmpty { lines.append("Cc: " + copies.map { MailText.mailbox(name: $0.name, address: $0.address) }.joined(separator: ",\n ")) }
        lines.append("Subject: " + MailText.headerText(subjectText))
        lines.append("Date: " + MailText.date(date))
        lines.append("Message-ID: <\(messageID)>")
        if let answeredID = answered.messageID { lines.append("In-Reply-To: <\(answeredID)>") }
        if !references.isEmpty { lines.append("References: " + references.map { "<\($0)>" }.joined(separator: "\n ")) }
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        let text = body.replacingOccurrences(of: "\r\n", with: "\n")
        if MailText.needsQuotedPrintable(text) {
            lines.append("Content-Transfer-Encoding: quoted-printable")
            return lines.joined(separator: "\n") + "\n\n" + MailText.quotedPrintable(text) + "\n"
        }
        lines.append("Content-Transfer-Encoding: 7bit")
        // A line that is exactly "." ends the message for some sendmail programs without -oi.
        return lines.joined(separator: "\n") + "\n\n" + text + (text.hasSuffix("\n") ? "" : "\n")
    }

    func unique(_ addresses: [MailAddress]) -> [MailAddress] {
        var seen: Set<String> = []
        return addresses.filter { seen.insert($0.address.lowercased()).inserted }
    }

    func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
