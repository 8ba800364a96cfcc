import BatonConfig
import BatonCore
import BatonStore
import Foundation

/// One conversation: its facts, its thread wrapped to the width, and its history.
enum ConversationView {
    /// A line of the thread with the role that colors it.
    struct Line: Equatable {
        var text: String
        var role: ThemeRole
        var indent: Int = 0
    }

    static func draw(_ state: AppState, conversation: ConversationState, theme: Theme, layout: Layout, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        let row = conversation.detail.row
        var title = theme[.normal]
        title.bold = true
        grid.put(" " + TerminalText.truncate("#\(row.id) " + row.subject, to: grid.width - 2), x: 0, y: 1, maxWidth: grid.width, style: title)
        grid.put(" " + TerminalText.truncate(facts(row, collaborators: conversation.detail.collaborators, now: state.now), to: grid.width - 2),
                 x: 0, y: 2, maxWidth: grid.width, style: theme[.muted])
        FooterView.rule(y: 3, theme: theme, into: &grid)
        TeamLine.draw(state, detail: conversation.detail, theme: theme, y: 3, into: &grid)
        // Only the visible window is made into lines; the bodies come wrapped (ConversationState.wrap).
        let (lines, total) = window(conversation, width: grid.width, zone: state.zone, now: state.now,
                                    from: conversation.scroll, count: layout.threadRows)
        for (offset, line) in lines.enumerated() {
            grid.put(line.text, x: 1 + line.indent, y: layout.threadFirstRow + offset, maxWidth: grid.width - 2 - line.indent, style: theme[line.role])
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        // How the deadline came about, on the rule above the footer (as TeamLine uses the one above the thread).
        if let sla = conversation.detail.sla {
            grid.put(" " + TerminalText.truncate(sla.line, to: grid.width - 6) + " ", x: 2, y: grid.height - 2, maxWidth: grid.width - 4, style: theme[.muted])
        }
        let end = min(total, conversation.scroll + layout.threadRows)
        FooterView.draw(state, theme: theme, position: "\(end)/\(total)", into: &grid)
    }

    /// The customer's context, then the thread and its history: what the screen scrolls.
    static func lines(_ open: ConversationState, width: Int, zone: TimeZone, now: Date) -> [Line] {
        window(open, width: width, zone: zone, now: now, from: 0, count: .max).lines
    }

    /// How many lines the screen scrolls through, without making them.
    static func lineCount(_ open: ConversationState, width: Int, zone: TimeZone, now: Date) -> Int {
        window(open, width: width, zone: zone, now: now, from: 0, count: 0).total
    }

    /// The lines `first..<first + count` of `lines(...)`, and how many there are in all. Only
    /// those lines are made: a message's heading is formatted only when it is in the window,
    /// and its body lines are the wrapped ones the state keeps, so a key or a tick on a thread
    /// of 240 KB costs the window, not the thread.
    static func window(_ open: ConversationState, width: Int, zone: TimeZone, now: Date, from first: Int, count: Int) -> (lines: [Line], total: Int) {
        let end = count >= Int.max - first ? Int.max : first + count
        var lines: [Line] = []
        var index = 0
        func take(_ n: Int, _ make: (Int) -> Line) {
            let low = max(first, index), high = min(end, index + n)
            if low < high { for at in low..<high { lines.append(make(at - index)) } }
            index += n
        }
        let context = self.context(open, width: width, now: now)
        take(context.count) { context[$0] }
        let detail = open.detail
        for (message, body) in zip(detail.messages, open.bodies(width: width)) {
            let reply = open.replies[message.id]
            take(1) { _ in heading(message, reply: reply, zone: zone, now: now) }
            // A failed or unconfirmed reply says why, and what `!` does, under its heading.
            if let reply, reply.state == .failed || reply.state == .unconfirmed {
                let state = ReplyStateLines.lines(reply, width: width, zone: zone, now: now)
                take(state.count) { state[$0] }
            }
            // A deleted message stays readable, greyed, so a reply to it still makes sense.
            let role: ThemeRole = message.deletedAt == nil ? .normal : .muted
            take(body.count) { Line(text: body[$0], role: role, indent: 2) }
            take(1) { _ in Line(text: "", role: .normal) }
        }
        if !detail.events.isEmpty {
            take(1) { _ in Line(text: "History", role: .columnHeader) }
            take(detail.events.count) { at in
                let event = detail.events[at]
                return Line(text: "\(CalendarText.dayAndTime(event.at, in: zone, seenFrom: now))  \(event.actor)  \(event.kind)  \(event.detail)",
                            role: .muted, indent: 2)
            }
        }
        return (lines, index)
    }

    /// The body width for a screen `width` columns wide: the indent and margins off.
    static func bodyWidth(_ width: Int) -> Int { max(10, width - 6) }

    /// Who wrote in (their address, when mail gave one) and the customer's other open
    /// conversations, the one Tab chose reversed: Enter opens it.
    static func context(_ open: ConversationState, width: Int, now: Date) -> [Line] {
        var lines: [Line] = []
        if let contact = contact(open.detail) { lines.append(Line(text: "contact " + contact, role: .muted)) }
        if !open.related.isEmpty {
            lines.append(Line(text: "\(open.related.count) other open of \(open.detail.row.customerName) · Tab chooses, ⏎ opens", role: .muted))
            for (index, row) in open.related.enumerated() {
                let due = row.slaDue.map { DurationText.countdown(Int64($0.timeIntervalSince(now).rounded(.down))) } ?? "·"
                let text = TerminalText.fit("#\(row.id)", to: 7) + TerminalText.fit(due, to: 7, alignRight: true) + "  "
                    + TerminalText.fit(row.subject, to: max(4, width - 32)) + " " + (row.ownerID ?? "—")
                lines.append(Line(text: text, role: open.chosen == index ? .selected : .normal, indent: 2))
            }
        }
        if !lines.isEmpty { lines.append(Line(text: "", role: .normal)) }
        return lines
    }

    /// "Priya <priya@acme.io>": the first customer author with the address mail gave; nil
    /// when there is no address (a Slack thread names its authors on every message already).
    static func contact(_ detail: ConversationDetail) -> String? {
        guard let first = detail.messages.first(where: { $0.authorKind == .customer }),
              let address = first.authorID, address.contains("@") else { return nil }
        return address == first.authorName ? address : "\(first.authorName) <\(address)>"
    }

    /// "Acme · ENT · owner ana · open · slack · due in 0:41 · 5 messages · 2h old".
    static func facts(_ row: QueueRow, collaborators: [String] = [], now: Date) -> String {
        let helpers = collaborators.isEmpty ? "" : " with " + collaborators.joined(separator: ", ")
        var parts = [row.customerName, row.tierShort, "owner " + (row.ownerID ?? "—") + helpers, row.status.rawValue.replacingOccurrences(of: "_", with: " "), row.source.rawValue]
        if let due = row.slaDue {
            let left = Int64(due.timeIntervalSince(now).rounded(.down))
            parts.append(left <= 0 ? "breached \(DurationText.compact(-left)) ago" : "due in \(DurationText.countdown(left))")
        }
        parts.append("\(row.messageCount) message" + (row.messageCount == 1 ? "" : "s"))
        parts.append(DurationText.compact(Int64(now.timeIntervalSince(row.createdAt))) + " old")
        return parts.joined(separator: " · ")
    }

    /// "Priya · customer · Mon 14:02 (3m ago) · edited": a message's heading, in its author's color.
    /// A reply's heading names its outbox state (`ReplyStateLines.label`) in place of the
    /// message's own state word.
    static func heading(_ message: Message, reply: OutboxReply? = nil, zone: TimeZone, now: Date) -> Line {
        let role: ThemeRole
        switch message.authorKind {
        case .customer: role = .customer
        case .team: role = .team
        case .bot: role = .bot
        case .system: role = .system
        }
        let label = message.authorKind == .customer ? "customer" : message.authorKind.rawValue
        let age = DurationText.compact(Int64(now.timeIntervalSince(message.createdAt)))
        var words = message.labels
        if let reply {
            if message.state.label != nil, !words.isEmpty { words.removeFirst() }
            words.insert(ReplyStateLines.label(reply, zone: zone, now: now), at: 0)
        }
        let labels = words.map { " · " + $0 }.joined()
        return Line(text: "\(message.authorName) · \(label) · \(CalendarText.dayAndTime(message.createdAt, in: zone, seenFrom: now)) (\(age) ago)\(labels)", role: role)
    }
}
