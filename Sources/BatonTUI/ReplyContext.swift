import BatonCore
import Foundation

/// What the editor shows around a reply, as git shows a commit message: for email, the
/// message being answered quoted under "On DATE, NAME wrote:"; for every reply, a block
/// under a scissors line that names where the reply goes and is never sent.
public struct ReplyContext: Equatable, Sendable {
    /// git's scissors line: everything from it on is cut off before the text is stored.
    public static let scissors = "------------------------ >8 ------------------------"

    /// The quoted message, with its "On … wrote:" line, or empty.
    public var quote: String
    /// "To: priya@acme.io", "Cc: …", "Slack: #C024BE91L": where the reply goes.
    public var destination: [String]

    public init(quote: String = "", destination: [String] = []) {
        self.quote = quote
        self.destination = destination
    }

    /// For a reply on `detail`: the customer's latest message quoted (email only) and
    /// where it goes. Notes get neither: they stay inside the team.
    public init(_ kind: ComposeKind, detail: ConversationDetail, team: TeamConfig, zone: TimeZone, now: Date) {
        self.init()
        guard kind == .reply else { return }
        let customerMessages = detail.messages.filter { $0.authorKind == .customer }
        let answered = customerMessages.last
        switch detail.row.source {
        case .email:
            if let answered {
                quote = "On \(CalendarText.dayAndTime(answered.createdAt, in: zone, seenFrom: now)), \(answered.authorName) wrote:\n"
                    + answered.body.components(separatedBy: "\n").map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
            }
            // Everyone who wrote in from the customer's side, the latest first: To, then Cc.
            var addresses: [String] = []
            for message in customerMessages.reversed() {
                if let address = message.authorID, address.contains("@"), !addresses.contains(address) { addresses.append(address) }
            }
            if let first = addresses.first { destination.append("To: " + first) }
            if addresses.count > 1 { destination.append("Cc: " + addresses.dropFirst().joined(separator: ", ")) }
            if destination.isEmpty { destination.append("To: (no address on this conversation)") }
        case .slack:
            let channel = detail.row.customerID.flatMap(team.customer)?.slackChannel
            destination.append("Slack: " + (channel.map { "channel \($0), in the thread" } ?? "(no channel in the config for \(detail.row.customerName))"))
        default:
            destination.append("To: \(detail.row.customerName) (\(detail.row.source.rawValue))")
        }
    }

    /// The file the editor opens: the draft (or a blank line and the quote), then the scissors block.
    public func template(draft: String?) -> String {
        var text = draft ?? (quote.isEmpty ? "" : "\n\n" + quote + "\n")
        guard !destination.isEmpty else { return text }
        if !text.hasSuffix("\n") { text += "\n" }
        return text + Self.scissors + "\n"
            + "Do not change or remove the line above; everything below it is not sent.\n"
            + destination.joined(separator: "\n") + "\n"
    }

    /// The text to store: what is above the scissors line, trimmed; nil when it is
    /// nothing but the quote the editor opened with (a reply left unwritten).
    public func body(of text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        if let cut = lines.firstIndex(of: Self.scissors) { lines.removeSubrange(cut...) }
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty || (!quote.isEmpty && body == quote.trimmingCharacters(in: .whitespacesAndNewlines)) { return nil }
        return body
    }
}
