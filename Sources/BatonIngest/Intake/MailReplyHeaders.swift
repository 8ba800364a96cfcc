import BatonStore
import Foundation

/// The headers a reply by mail needs from a message (Reply-To, To and Cc apart, the
/// References chain), read from the raw message beside the parse that builds the thread.
enum MailReplyHeaders {
    static func read(_ raw: [UInt8], parsed email: EmailMessage) -> StoredMailHeaders {
        var bytes = raw[...]
        if bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: 0x0A) { bytes = bytes[(newline + 1)...] }
        let end = Lines.headerEnd(bytes)?.headerEnd ?? bytes.endIndex
        let headers = MailHeaders.parse(bytes[bytes.startIndex..<end]).headers
        let from = headers["From"] ?? headers["Sender"] ?? email.from.address
        return StoredMailHeaders(from: from.trimmingBlanks,
                                 replyTo: headers.all("Reply-To").joined(separator: ", "),
                                 to: headers.all("To").joined(separator: ", "),
                                 cc: headers.all("Cc").joined(separator: ", "),
                                 messageID: email.messageID, references: email.references, subject: email.subject)
    }
}
