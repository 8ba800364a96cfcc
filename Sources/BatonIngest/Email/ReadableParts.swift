import Foundation

/// Every part of a message a person would read, in the order the sender put them: all
/// text parts (text/plain, else HTML made plain, in a multipart/alternative), an inline
/// image named where it stood, a forwarded message (message/rfc822) inline with its
/// From, Date and Subject, Outlook's winmail.dat read for its plain body. What is left
/// (files) is named as an attachment.
struct ReadableParts {
    var problems: [String] = []
    var attachments: [String] = []
    /// The leaves named as attachments (in `attachments`) or inline (images), in order, for
    /// keeping them; `listed` is the index in `attachments`, nil for one named inline.
    var attachmentParts: [(part: MIMEPart, listed: Int?)] = []

    /// Forwarded messages inside forwarded messages stop here.
    static let maximumForwardDepth = 5

    mutating func text(of part: MIMEPart, depth: Int = 0) -> String {
        var pieces: [String] = []
        walk(part, depth: depth, into: &pieces)
        return pieces.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    private mutating func walk(_ part: MIMEPart, depth: Int, into pieces: inout [String]) {
        let type = part.contentType.value
        if !part.parts.isEmpty {
            if type == "multipart/alternative" {
                // One of the versions: plain text first, else the richest other one that
                // holds text; the rest only for the files they carry (not named twice).
                let chosen = part.parts.firstIndex { $0.parts.isEmpty && $0.contentType.value == "text/plain" && !$0.isAttachment }
                    ?? part.parts.lastIndex { !$0.parts.isEmpty }
                    ?? part.parts.firstIndex { $0.contentType.value == "text/html" && !$0.isAttachment }
                    ?? 0
                walk(part.parts[chosen], depth: depth, into: &pieces)
                return
            }
            for child in part.parts { walk(child, depth: depth, into: &pieces) }
            return
        }
        let isText = type == "text/plain" || type.hasPrefix("multipart/")  // a multipart whose boundary broke reads as text
        if !part.isAttachment && (isText || type == "text/html") {
            let decoded = decodedText(part)
            pieces.append(type == "text/html" ? HTMLText.text(decoded) : decoded)
            return
        }
        if type == "message/rfc822" || type == "message/global" {
            pieces.append(forwarded(part, depth: depth))
            return
        }
        if type == "application/ms-tnef" || part.fileName?.lowercased() == "winmail.dat" {
            let body = TransferEncoding.decode(part.body, encoding: part.headers["Content-Transfer-Encoding"])
            if let text = TNEF.plainBody(body), !text.isEmpty {
                pieces.append(text.withLineFeeds)
                return
            }
        }
        let name = "\(part.fileName ?? type), \(EmailMessage.size(part.body.count))"
        if type.hasPrefix("image/") && !part.isAttachment {
            // Apple Mail's text, image, text: the image is named where it stood.
            pieces.append("[image: \(StoredText.capped(name, limit: 255, note: "…"))]")
            attachmentParts.append((part, nil))
            return
        }
        attachmentParts.append((part, attachments.count))
        attachments.append(name)
    }

    private mutating func decodedText(_ part: MIMEPart) -> String {
        let type = part.contentType
        let decoded = TransferEncoding.decode(part.body, encoding: part.headers["Content-Transfer-Encoding"])
        let (text, known) = Charset.decode(decoded[...], charset: type.parameters["charset"])
        if !known { problems.append("unknown charset \"\(type.parameters["charset"] ?? "")\"; the bytes it could not read are shown as U+FFFD") }
        return text.withLineFeeds
    }

    /// A forwarded message as a block: who wrote it, when, about what, then its text.
    private mutating func forwarded(_ part: MIMEPart, depth: Int) -> String {
        let body = TransferEncoding.decode(part.body, encoding: part.headers["Content-Transfer-Encoding"])
        guard depth < Self.maximumForwardDepth, let split = Lines.headerEnd(body[...]) else {
            attachments.append("\(part.fileName ?? "forwarded message"), \(EmailMessage.size(part.body.count))")
            return ""
        }
        let headers = MailHeaders.parse(body[body.startIndex..<split.headerEnd]).headers
        var inner = MIMEPart(headers: headers, body: body[split.bodyStart...])
        inner.splitIfMultipart(depth: depth + 1)
        problems += inner.problems
        var lines = ["---------- Forwarded message ----------"]
        if let from = headers["From"] { lines.append("From: " + EncodedWords.decode(from)) }
        if let date = headers["Date"] { lines.append("Date: " + date.trimmingBlanks) }
        if let subject = headers["Subject"] { lines.append("Subject: " + EncodedWords.decode(subject).trimmingBlanks) }
        let text = self.text(of: inner, depth: depth + 1)
        return lines.joined(separator: "\n") + (text.isEmpty ? "" : "\n\n" + text)
    }
}
