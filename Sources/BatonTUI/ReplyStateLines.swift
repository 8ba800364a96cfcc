import BatonConfig
import BatonCore
import BatonStore
import Foundation

/// What the thread says about a reply's place in the outbox (issue 13 item 6): a word on
/// its heading ("sent Mon 23 Nov 13:51", "reply failed") and, for a reply that waits for a
/// person, lines under it with the reason, the tries, the next try and what `!` does.
enum ReplyStateLines {
    /// The heading's word for the reply's state; instants in `zone`, as `now` sees them.
    static func label(_ reply: OutboxReply, zone: TimeZone, now: Date) -> String {
        switch reply.state {
        case .queued: return "queued to send"
        case .sending: return "sending, try \(reply.attempts)"
        case .sent: return reply.sentAt.map { "sent " + CalendarText.dayAndTime($0, in: zone, seenFrom: now) } ?? "sent"
        case .failed: return "reply failed"
        case .unconfirmed: return "unconfirmed"
        case .cancelled: return "cancelled, not sent"
        }
    }

    /// The lines under a failed or unconfirmed reply's heading, wrapped to the body's width
    /// (`width` is the screen's); none for a reply in any other state. The reason is the
    /// program's or Slack's own words, untrusted: the grid shows it through `TerminalText`.
    static func lines(_ reply: OutboxReply, width: Int, zone: TimeZone, now: Date) -> [ConversationView.Line] {
        let text: [String]
        switch reply.state {
        case .failed:
            let tries = "failed after \(reply.attempts) \(reply.attempts == 1 ? "try" : "tries")"
            let next: String
            if let at = reply.nextTryAt {
                let left = Int64(at.timeIntervalSince(now).rounded(.up))
                next = "next try \(CalendarText.dayAndTime(at, in: zone, seenFrom: now))" + (left > 0 ? " (in \(DurationText.compact(left)))" : " (due now)")
                    + " · ! retries now"
            } else {
                next = "no more tries by itself · ! sends it again"
            }
            text = [tries + ": " + (reply.reason ?? "no reason given"), next]
        case .unconfirmed:
            text = ["unconfirmed: " + (reply.reason ?? "its sender stopped while handing it over"),
                    "! sends it again once you have checked (asks first)"]
        case .queued, .sending, .sent, .cancelled:
            return []
        }
        let bodyWidth = ConversationView.bodyWidth(width)
        return text.flatMap { TerminalText.wrap(TerminalText.line($0), width: bodyWidth) }.map { ConversationView.Line(text: $0, role: .failed, indent: 2) }
    }
}
