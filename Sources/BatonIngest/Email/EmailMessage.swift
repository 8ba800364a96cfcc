import BatonStore
import Crypto
import Foundation

/// One RFC 5322 message, read for the queue: who wrote it, to whom, how it threads,
/// and its text (the text/plain part, else the HTML one made plain). Attachments are
/// named, never stored.
public struct EmailMessage: Sendable {
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    public var from: MailAddress
    public var recipients: [MailAddress]
    public var subject: String
    /// What the Date header claims: the sender's machine's word, kept as `sent_at`.
    public var date: Date?
    /// The date of the topmost `Received:` field (RFC 5321 section 4.4, after its ";"):
    /// when the last relay, the one nearest us, took the message. Nil when none parses.
    public var receivedAt: Date?
    public var text: String
    public var attachments: [String]
    /// The attached files kept (decoded), up to `maximumKept` bytes in all, in order.
    public var files: [NewAttachment] = []
    /// No person wrote it (RFC 3834 headers): an out-of-office or other automatic reply.
    public var isAutomatic: Bool = false
    /// A delivery status notification: the message it returns bounced.
    public var bounce: Bounce?
    /// What was odd but survivable: an unknown charset, a broken boundary.
    public var problems: [String]

    /// The stored text stops here; a message longer than this is not a conversation turn.
    public static let maximumText = StoredText.maximumMessage

    /// The author of mail that names nobody: no From, Sender, Reply-To or Return-Path, and
    /// no envelope sender from the mail server.
    public static let unknownSender = MailAddress(name: "unknown sender", address: "")

    /// Parses a whole message. Throws `EmailError` only when it cannot be read at all.
    /// The author is the From header's; without one, Sender's, Reply-To's or
    /// Return-Path's (RFC 5322 section 3.6.2, RFC 5321 section 4.4), else
    /// `envelopeSender` (the SMTP MAIL FROM a mail server passes on), else `unknownSender`.
    public static func parse(_ raw: [UInt8], envelopeSender: String? = nil) throws(EmailError) -> EmailMessage {
        var bytes = raw[...]
        guard !bytes.isEmpty else { throw EmailError("empty message") }
        // An mbox "From " separator line left on the message.
        if bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: 0x0A) { bytes = bytes[(newline + 1)...] }
        guard let split = Lines.headerEnd(bytes) ?? (bytes.last == 0x0A ? (bytes.endIndex, bytes.endIndex) : nil) else {
            throw EmailError("no blank line after the header: not an RFC 5322 message")
        }
        let (headers, invalid) = MailHeaders.parse(bytes[bytes.startIndex..<split.headerEnd])
        guard !headers.fields.isEmpty, invalid <= headers.fields.count else {
            throw EmailError("no header fields: not an RFC 5322 message")
        }
        let fromHeader = headers["From"] ?? ""
        var problems = headers.cutWarnings
        var from: MailAddress
        if let first = MailAddress.list(fromHeader).first {
            from = first
        } else {
            from = ["Sender", "Reply-To", "Return-Path"].lazy.compactMap { headers[$0].flatMap { MailAddress.list($0).first } }.first
                ?? envelopeSender.flatMap { MailAddress.list("<\($0)>").first } ?? unknownSender
            // A From header that names nobody ("Support Team", "undisclosed-recipients:;",
            // bytes that are no address) is still a message: a mail client shows it with the
            // words the header holds, and a helpdesk keeps it for a person rather than dropping
            // it. So it is stored from the address another header gives, else from an unknown
            // sender, named by those words (decoded, cut to 100 bytes; the screen and stderr
            // make them safe), with a warning naming the header. Quarantine is for bytes that
            // are no message at all.
            if !fromHeader.isEmpty {
                let words = StoredText.capped(EncodedWords.decode(fromHeader).trimmingBlanks, limit: 100, note: "…")
                if !words.isEmpty { from.name = words }
                let cut = headers.cut.contains { $0.lowercased() == "from" }
                problems.append("From header \"\(fromHeader.prefix(80))\(cut ? "…" : "")\" holds no address"
                                + (cut ? " in its first 16 KB (it is longer than 16 KB)" : "")
                                + "; stored as from " + (from.address.isEmpty ? "an unknown sender" : from.address))
            }
        }
        var root = MIMEPart(headers: headers, body: bytes[split.bodyStart...])
        root.splitIfMultipart(depth: 0)
        // The root's own cut headers are in its problems already (MIMEPart.parse adds them for parts).
        problems += root.problems
        var reader = ReadableParts()
        var text = reader.text(of: root)
        problems += reader.problems
        let attachments = reader.attachments
        let (files, kept) = keptFiles(reader.attachmentParts, listed: attachments.count)
        // The attachments' names count toward the cap: the text gives way to them, and they
        // to a quarter of it, so no name, however long, pushes the body past the cap.
        let list = attachmentList(attachments, kept: kept)
        text = StoredText.capped(text, limit: maximumText - list.utf8.count - (list.isEmpty ? 0 : 2))
        if !list.isEmpty {
            while text.last?.isWhitespace == true { text.removeLast() }
            text += (text.isEmpty ? "" : "\n\n") + list
        }
        var unknownCharsets: [String] = []
        let subject = capped(EncodedWords.decode(headers["Subject"] ?? "", unknownCharsets: &unknownCharsets)).trimmingBlanks
        for charset in unknownCharsets {
            problems.append("unknown charset \"\(charset.prefix(40))\" in the Subject header; the bytes it could not read are shown as U+FFFD")
        }
        // The sender's name was decoded in MailAddress, which has no report: ask again (16 KB at most).
        var unknownInFrom: [String] = []
        _ = EncodedWords.decode(fromHeader, unknownCharsets: &unknownInFrom)
        for charset in unknownInFrom {
            problems.append("unknown charset \"\(charset.prefix(40))\" in the From header; the bytes it could not read are shown as U+FFFD")
        }
        let inReplyTo = headers["In-Reply-To"].map(ids) ?? []
        let bounce = AutomaticMail.isBounce(headers, root: root, from: from) ? AutomaticMail.bounce(root: root, text: text, inReplyTo: inReplyTo) : nil
        return EmailMessage(
            messageID: headers["Message-ID"].flatMap { ids($0).first },
            inReplyTo: inReplyTo,
            references: headers["References"].map(ids) ?? [],
            from: from,
            recipients: (headers.all("To") + headers.all("Cc")).flatMap(MailAddress.list),
            subject: subject,
            date: headers["Date"].flatMap(MailDate.parse),
            receivedAt: headers["Received"].flatMap(MailDate.received),
            text: text, attachments: attachments, files: files, isAutomatic: AutomaticMail.isAutomatic(headers) || bounce != nil, bounce: bounce,
            problems: problems)
    }

    /// The most attachment bytes one message keeps: 25 MB (decoded). A file past it is named only.
    public static let maximumKept = 25 * 1024 * 1024

    /// The files to keep, decoded, in order while they fit in `maximumKept`; and for each
    /// listed attachment whether it is kept.
    static func keptFiles(_ parts: [(part: MIMEPart, listed: Int?)], listed: Int) -> ([NewAttachment], [Bool]) {
        var files: [NewAttachment] = []
        var kept = Array(repeating: false, count: listed)
        var used = 0
        for (part, index) in parts {
            // base64 is 4 bytes for 3: a body whose encoded size cannot fit is not decoded at all.
            guard part.body.count / 4 * 3 <= maximumKept - used + 3 else { continue }
            let data = TransferEncoding.decode(part.body, encoding: part.headers["Content-Transfer-Encoding"])
            guard used + data.count <= maximumKept else { continue }
            used += data.count
            let digest = ContentDigest.hex(SHA256.hash(data: data))
            files.append(NewAttachment(name: StoredText.capped(part.fileName ?? part.contentType.value, limit: 255, note: "…"),
                                       contentType: part.contentType.value, data: data, digest: digest))
            if let index { kept[index] = true }
        }
        return (files, kept)
    }

    /// The lines that name the attachments not stored, at most a quarter of `maximumText`
    /// in all, each name at most 255 bytes (a file name's limit); the rest are counted.
    static func attachmentList(_ attachments: [String], kept: [Bool] = []) -> String {
        var lines: [String] = []
        var used = 0
        for (index, attachment) in attachments.enumerated() {
            let stored = index < kept.count && kept[index]
            let line = "[attachment\(stored ? "" : " not stored"): \(StoredText.capped(attachment, limit: 255, note: "…"))]"
            if used + line.utf8.count + 1 > maximumText / 4 - 64 {
                lines.append("[… \(attachments.count - index) more attachments not listed]")
                break
            }
            lines.append(line)
            used += line.utf8.count + 1
        }
        return lines.joined(separator: "\n")
    }

    /// A decoded header cut to `MailHeaders.maximumValue` bytes of UTF-8: a raw value
    /// within the cap can still grow in decoding (Latin-1 to UTF-8 doubles).
    static func capped(_ text: String) -> String {
        guard text.utf8.count > MailHeaders.maximumValue else { return text }
        var cut = String(decoding: text.utf8.prefix(MailHeaders.maximumValue), as: UTF8.self)
        if cut.unicodeScalars.last == "\u{FFFD}" { cut.unicodeScalars.removeLast() }
        return cut
    }

    /// "<a@b> <c@d>" → ["a@b", "c@d"]; bare ids without angle brackets too.
    static func ids(_ raw: String) -> [String] {
        var result: [String] = []
        var rest = Substring(raw)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingBlanks
            if !id.isEmpty { result.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if result.isEmpty {
            result = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter { $0.contains("@") }
        }
        return result
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) bytes"
    }
}

/// A message that cannot be read at all; it goes to the quarantine whole.
public struct EmailError: Error, Equatable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
