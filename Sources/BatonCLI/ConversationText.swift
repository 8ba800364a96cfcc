import BatonCore
import Foundation

/// Conversations as plain text for a terminal or a pipe. Everything a customer wrote goes
/// through `TerminalText`, so `conv show` is as safe to run as the screen is.
enum ConversationText {
    static let listHeader = "    ID     SLA  TIER  CUSTOMER      SUBJECT                                    OWNER     SRC    AGE"

    static func listLine(_ row: QueueRow, now: Date) -> String {
        let sla: String
        if let due = row.slaDue {
            let left = Int64(due.timeIntervalSince(now).rounded(.down))
            sla = DurationText.countdown(left) + (left <= 0 ? "!" : " ")
        } else {
            sla = (row.status.isOpen ? "·" : row.status.rawValue) + " "
        }
        return [
            TerminalText.fit(String(row.id), to: 6, alignRight: true),
            TerminalText.fit(sla, to: 8, alignRight: true),
            TerminalText.fit(row.tierShort, to: 5),
            TerminalText.fit(row.customerName, to: 13),
            TerminalText.fit(row.subject, to: 42),
            TerminalText.fit(row.ownerText, to: 9),
            TerminalText.fit(row.source.short, to: 3),
            TerminalText.fit(DurationText.compact(Int64(now.timeIntervalSince(row.createdAt))), to: 6, alignRight: true),
        ].joined(separator: " ")
    }

    static func show(_ detail: ConversationDetail, now: Date, zone: TimeZone) -> String {
        let row = detail.row
        var lines: [String] = []
        lines.append(safe("#\(row.id) \(row.subject)"))
        var facts = [row.customerName, row.tierShort, "owner " + (row.ownerID ?? "—"), row.status.rawValue, row.source.rawValue,
                     "opened " + CalendarText.dayAndTime(row.createdAt, in: zone, seenFrom: now)]
        if let due = row.slaDue {
            let left = Int64(due.timeIntervalSince(now).rounded(.down))
            facts.append(left <= 0 ? "breached \(DurationText.compact(-left)) ago" : "due in \(DurationText.countdown(left))")
        }
        if !detail.collaborators.isEmpty { facts.insert("with " + detail.collaborators.joined(separator: ", "), at: 3) }
        if !detail.tags.isEmpty { facts.append("tags " + detail.tags.joined(separator: " ")) }
        lines.append(safe(facts.joined(separator: " · ")))
        lines.append("")
        for message in detail.messages {
            let labels = message.labels.map { " · " + $0 }.joined()
            lines.append(safe("\(message.authorName) · \(message.authorKind.rawValue) · \(CalendarText.dayAndTime(message.createdAt, in: zone, seenFrom: now))\(labels)"))
            for line in TerminalText.wrap(message.body, width: 76, breakingWords: false) { lines.append("  " + line) }
            lines.append("")
        }
        if !detail.events.isEmpty {
            lines.append("History")
            for event in detail.events {
                lines.append(safe("  \(CalendarText.dayAndTime(event.at, in: zone, seenFrom: now))  \(event.actor)  \(event.kind)  \(event.detail)"))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func safe(_ text: String) -> String { TerminalText.line(text) }
}
