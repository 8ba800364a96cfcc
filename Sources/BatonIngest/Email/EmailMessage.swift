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
    public var date: Date?
    public var text: String
    public var attachments: [String]
    /// What was odd but survivable: an unknown charset, a broken boundary.
    public var problems: [String]

    /// The stored text stops here; a message longer than this is not a conversation turn.
    public static let maximumText = StoredText.maximumMessage

    /// Parses a whole message. Throws `EmailError` only when it cannot be read at all.
    public static func parse(_ raw: [UInt8]) throws(EmailError) -> EmailMessage {
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
        guard let fromHeader = headers["From"] ?? headers["Sender"] ?? headers["Return-Path"] else {
            throw EmailError("no From header: cannot tell who wrote it")
        }
        guard let from = MailAddress.list(fromHeader).first else {
            if headers.cut.contains(where: { ["from", "sender", "return-path"].contains($0.lowercased()) }) {
                throw EmailError("From header \"\(fromHeader.prefix(80))…\" is longer than 16 KB and holds no address in its first 16 KB")
            }
            throw EmailError("From header \"\(fromHeader.prefix(80))\" holds no address")
        }
        var root = MIMEPart(headers: headers, body: bytes[split.bodyStart...])
        root.splitIfMultipart(depth: 0)
        // The root's own cut headers are in its problems already (MIMEPart.parse adds them for parts).
        var problems = headers.cutWarnings + root.problems
        var attachments: [String] = []
        var text = Self.text(of: root, problems: &problems, attachments: &attachments)
        // The attachments' names count toward the cap: the text gives way to them, and they
        // to a quarter of it, so no name, however long, pushes the body past the cap.
        let list = attachmentList(attachments)
        text = StoredText.capped(text, limit: maximumText - list.utf8.count - (list.isEmpty ? 0 : 2))
        if !list.isEmpty {
            while text.last?.isWhitespace == true { text.removeLast() }
            text += (text.isEmpty ? "" : "\n\n") + list
        }
        var unknownCharsets: [String] = []
        let subject = capped(EncodedWords.decode(headers["Subject"] ?? "", unknownCharsets: &unknownCharsets)).trimmingCharacters(in: .whitespaces)
        for charset in unknownCharsets {
            problems.append("unknown charset \"\(charset.prefix(40))\" in the Subject header; the bytes it could not read are shown as U+FFFD")
        }
        // The sender's name was decoded in MailAddress, which has no report: ask again (16 KB at most).
        var unknownInFrom: [String] = []
        _ = EncodedWords.decode(fromHeader, unknownCharsets: &unknownInFrom)
        for charset in unknownInFrom {
            problems.append("unknown charset \"\(charset.prefix(40))\" in the From header; the bytes it could not read are shown as U+FFFD")
        }
        return EmailMessage(
            messageID: headers["Message-ID"].flatMap { ids($0).first },
            inReplyTo: headers["In-Reply-To"].map(ids) ?? [],
            references: headers["References"].map(ids) ?? [],
            from: from,
            recipients: (headers.all("To") + headers.all("Cc")).flatMap(MailAddress.list),
            subject: subject,
            date: headers["Date"].flatMap(MailDate.parse),
            text: text, attachments: attachments, problems: problems)
    }

    /// The readable text of a part: the first text/plain that is not an attachment,
    /// else the first text/html made plain; everything else is named as an attachment.
    static func text(of root: MIMEPart, problems: inout [String], attachments: inout [String]) -> String {
        var leaves: [MIMEPart] = []
        func collect(_ part: MIMEPart) {
            if part.parts.isEmpty { leaves.append(part) } else { part.parts.forEach(collect) }
        }
        collect(root)
        // A multipart whose boundary broke is one leaf still typed multipart: read it as text.
        func isText(_ part: MIMEPart, _ type: String) -> Bool {
            !part.isAttachment && (part.contentType.value == type || (type == "text/plain" && part.contentType.value.hasPrefix("multipart/")))
        }
        let plain = leaves.first { isText($0, "text/plain") }
        let html = leaves.first { isText($0, "text/html") }
        for leaf in leaves where leaf.isAttachment || !leaf.contentType.value.hasPrefix("text/") && !leaf.contentType.value.hasPrefix("multipart/") {
            attachments.append("\(leaf.fileName ?? leaf.contentType.value), \(Self.size(leaf.body.count))")
        }
        guard let chosen = plain ?? html else { return "" }
        let type = chosen.contentType
        let decoded = TransferEncoding.decode(chosen.body, encoding: chosen.headers["Content-Transfer-Encoding"])
        let (text, known) = Charset.decode(decoded[...], charset: type.parameters["charset"])
        if !known { problems.append("unknown charset \"\(type.parameters["charset"] ?? "")\"; the bytes it could not read are shown as U+FFFD") }
        let plainText = type.value == "text/html" ? HTMLText.text(text) : text
        return plainText.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The lines that name the attachments not stored, at most a quarter of `maximumText`
    /// in all, each name at most 255 bytes (a file name's limit); the rest are counted.
    static func attachmentList(_ attachments: [String]) -> String {
        var lines: [String] = []
        var used = 0
        for (index, attachment) in attachments.enumerated() {
            let line = "[attachment not stored: \(StoredText.capped(attachment, limit: 255, note: "…"))]"
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
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
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
