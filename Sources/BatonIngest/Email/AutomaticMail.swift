import Foundation

/// Mail no person wrote: out-of-office and other automatic replies (RFC 3834), and
/// delivery status notifications (RFC 3464) that say a message bounced.
enum AutomaticMail {
    /// Whether the headers mark the message automatic: `Auto-Submitted` other than `no`
    /// (RFC 3834 section 5), `X-Autoreply` or `X-Autorespond` (set by vacation programs
    /// that predate it), or `Precedence: bulk` / `junk`. `Precedence: list` is not: a
    /// customer's group alias sets it on real questions.
    static func isAutomatic(_ headers: MailHeaders) -> Bool {
        if let value = headers["Auto-Submitted"] {
            let keyword = HeaderValue(value).value
            if !keyword.isEmpty && keyword != "no" { return true }
        }
        if headers["X-Autoreply"] != nil || headers["X-Autorespond"] != nil { return true }
        if let precedence = headers["Precedence"] {
            let value = HeaderValue(precedence).value
            if value == "bulk" || value == "junk" { return true }
        }
        return false
    }

    /// Whether the message is a delivery status notification: `multipart/report` with
    /// `report-type=delivery-status` (RFC 6522, RFC 3464), or from MAILER-DAEMON or
    /// postmaster, as mail servers that write plain-text bounces send them.
    static func isBounce(_ headers: MailHeaders, root: MIMEPart, from: MailAddress) -> Bool {
        let type = root.contentType
        if type.value == "multipart/report", type.parameters["report-type"]?.lowercased() == "delivery-status" { return true }
        let local = from.address.split(separator: "@").first.map { $0.lowercased() } ?? ""
        return local == "mailer-daemon" || local == "postmaster"
    }

    /// What a bounce says: who could not be reached, why, and the Message-ID of the
    /// returned message (from its message/rfc822 or text/rfc822-headers part, else a
    /// `Message-ID:` line quoted in the text, else the bounce's own In-Reply-To).
    static func bounce(root: MIMEPart, text: String, inReplyTo: [String]) -> Bounce {
        var leaves: [MIMEPart] = []
        func collect(_ part: MIMEPart) {
            if part.parts.isEmpty { leaves.append(part) } else { part.parts.forEach(collect) }
        }
        collect(root)
        var recipient: String?
        var reason: String?
        var status: String?
        // Each recipient block's Action (RFC 3464 section 2.3.3); none for a plain-text bounce.
        var actions: [String] = []
        var returnedID: String?
        for leaf in leaves {
            let type = leaf.contentType.value
            let body = TransferEncoding.decode(leaf.body, encoding: leaf.headers["Content-Transfer-Encoding"])
            if type == "message/delivery-status" || type == "message/global-delivery-status" {
                // Per-message fields, then one block per recipient: the first failed one.
                for block in fieldBlocks(body[...]) {
                    guard let final = block["Final-Recipient"] ?? block["Original-Recipient"] else { continue }
                    recipient = recipient ?? addressPart(final)
                    let action = block["Action"].map { HeaderValue($0).value }
                    actions.append(action ?? "failed")
                    if action == "failed" || action == nil || reason == nil {
                        status = block["Status"].map { HeaderValue($0).value }.flatMap { $0.isEmpty ? nil : String($0.prefix(40)) }
                        reason = block["Diagnostic-Code"].map(addressPart) ?? status.map { "status " + $0 }
                        recipient = addressPart(final)
                        if action == "failed" { break }
                    }
                }
            } else if type == "message/rfc822" || type == "text/rfc822-headers" || type == "message/global" || type == "message/global-headers" {
                let end = Lines.headerEnd(body[...])?.headerEnd ?? body.endIndex
                let headers = MailHeaders.parse(body[body.startIndex..<end]).headers
                if returnedID == nil { returnedID = headers["Message-ID"].flatMap { EmailMessage.ids($0).first } }
            }
        }
        if returnedID == nil {
            for line in text.split(separator: "\n") where line.lowercased().hasPrefix("message-id:") {
                if let id = EmailMessage.ids(String(line.dropFirst("message-id:".count))).first { returnedID = id; break }
            }
        }
        if recipient == nil {
            // Plain-text bounces (qmail, Exim) name the address in angle brackets, the
            // server's reason after it or on the next line.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                guard let open = line.firstIndex(of: "<"), let close = line[open...].firstIndex(of: ">") else { continue }
                let candidate = line[line.index(after: open)..<close]
                guard candidate.contains("@") else { continue }
                recipient = String(candidate)
                let after = line[line.index(after: close)...].drop { $0 == ":" || $0 == " " }
                if reason == nil {
                    reason = after.isEmpty
                        ? lines.dropFirst(index + 1).map { $0.trimmingBlanks }.first { !$0.isEmpty }
                        : String(after)
                }
                break
            }
        }
        if reason == nil {
            // The first line of the explanation that is not a greeting's boilerplate.
            reason = text.split(separator: "\n").map { $0.trimmingBlanks }
                .first { !$0.isEmpty && !$0.hasPrefix("This is") && !$0.hasPrefix("---") }
        }
        return Bounce(recipient: recipient.map { String($0.prefix(320)) } ?? "an unknown address",
                      reason: String((reason ?? "no reason given").prefix(500)),
                      returnedMessageID: returnedID ?? inReplyTo.first, status: status,
                      // "delayed", "delivered", "relayed", "expanded" report no failure; a plain-text bounce does.
                      isFailure: actions.isEmpty || actions.contains("failed"))
    }

    /// "rfc822; ana@acme.io" → "ana@acme.io"; "smtp; 550 5.1.1 User unknown" → "550 5.1.1 User unknown".
    static func addressPart(_ field: String) -> String {
        guard let semicolon = field.firstIndex(of: ";") else { return field.trimmingBlanks }
        return field[field.index(after: semicolon)...].trimmingBlanks
    }

    /// The header-like blocks of a delivery-status body, split at blank lines.
    static func fieldBlocks(_ bytes: ArraySlice<UInt8>) -> [MailHeaders] {
        var blocks: [MailHeaders] = []
        var rest = bytes
        while !rest.isEmpty {
            while let first = rest.first, first == 0x0A || first == 0x0D { rest = rest.dropFirst() }
            guard !rest.isEmpty else { break }
            let split = Lines.headerEnd(rest)
            let end = split?.headerEnd ?? rest.endIndex
            blocks.append(MailHeaders.parse(rest[rest.startIndex..<end]).headers)
            guard let next = split?.bodyStart, next > rest.startIndex else { break }
            rest = rest[next...]
        }
        return blocks
    }
}

/// A delivery failure: the address mail could not reach, the server's reason, and the
/// Message-ID of the message that bounced, when the notification returns it.
public struct Bounce: Equatable, Sendable {
    public var recipient: String
    public var reason: String
    public var returnedMessageID: String?
    /// The failed recipient's RFC 3464 `Status` (an RFC 3463 code such as "5.1.1"), when the report has one.
    public var status: String?
    /// Whether the message failed: some recipient's `Action` is `failed`, or it is a
    /// plain-text bounce. A report of only `delayed` (or `delivered`, `relayed`,
    /// `expanded`) recipients is a warning: the message may still arrive.
    public var isFailure: Bool

    public init(recipient: String, reason: String, returnedMessageID: String?, status: String? = nil, isFailure: Bool = true) {
        self.recipient = recipient
        self.reason = reason
        self.returnedMessageID = returnedMessageID
        self.status = status
        self.isFailure = isFailure
    }

    /// "delivery to X failed: REASON", as the conversation shows it; a warning says
    /// "delivery to X delayed: REASON".
    public var summary: String { "delivery to \(recipient) \(isFailure ? "failed" : "delayed"): \(reason)" }

    /// Why a reply baton sent failed, for the outbox: the server's Diagnostic-Code, and the
    /// Status code when the code is not in it already.
    public var replyFailure: String {
        var text = "bounced: " + summary
        if let status, !reason.contains(status) { text += " (status \(status))" }
        return text
    }
}
