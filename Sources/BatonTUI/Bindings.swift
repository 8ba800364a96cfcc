import BatonConfig
import BatonCore

/// What a key asks for. The key handler looks a key up in the screen's `Bindings` and
/// acts on the command it finds; the help overlay, the footers, the `:` command line and
/// the README's key tables are all drawn from the same tables.
public enum Command: Hashable, Sendable {
    case down, up, pageDown, pageUp, first, last
    case open, back, quit, quitAll
    case filter, commandLine, help, refresh
    case rotation, handoff, handoffNote
    /// The metrics screen, and its keys for the period and the grouping.
    case metrics, period, grouping
    /// The metrics screen's figures for the period before or after the one shown.
    case earlier, later
    case claim, take, assign, ropeIn, release, status, reply, note, tags
    case mark
    /// Acknowledge the alert in the footer (issue 12).
    case acknowledge
    /// The related conversation below the thread: the next of the customer's others.
    case nextRelated
    /// `!` on a conversation: its failed and unconfirmed replies back to the outbox (issue 13).
    case retryReplies
    /// The queue's view on number key n (1 all open, 2 mine...), or a saved view.
    case view(Int)

    /// Every command but the views, whose number depends on the config.
    public static let fixed: [Command] = [
        .down, .up, .pageDown, .pageUp, .first, .last, .open, .back, .quit, .quitAll, .filter, .commandLine, .help, .refresh,
        .rotation, .handoff, .handoffNote, .claim, .take, .assign, .ropeIn, .release, .status, .reply, .note, .tags, .mark, .nextRelated, .acknowledge,
        .retryReplies,
        .metrics, .period, .grouping, .earlier, .later,
    ]

    /// The name typed on the `:` command line (`:claim`, `:assign dave`); nil for
    /// commands that make no sense there (moving, the line itself).
    public var name: String? {
        switch self {
        case .claim: return "claim"
        case .take: return "take"
        case .assign: return "assign"
        case .ropeIn: return "ropein"
        case .release: return "release"
        case .status: return "status"
        case .reply: return "reply"
        case .note: return "note"
        case .tags: return "tag"
        case .mark: return "mark"
        case .acknowledge: return "ack"
        case .rotation: return "rotation"
        case .handoff: return "handoff"
        case .metrics: return "metrics"
        case .help: return "help"
        case .refresh: return "refresh"
        case .quit: return "q"
        case .quitAll: return "quit"
        case .retryReplies: return "retry"
        case .view: return nil
        default: return nil
        }
    }
}

/// One line of a binding table: the keys, what they do, the footer's word for it (nil
/// keeps it out of the footer) and the help overlay's sentence.
public struct Binding: Equatable, Sendable {
    public var keys: [Key]
    public var command: Command
    public var short: String?
    public var long: String
    /// How the footer names the keys when the first key alone would mislead ("j/k").
    public var footerKeys: String?

    public init(_ keys: [Key], _ command: Command, short: String? = nil, _ long: String, footerKeys: String? = nil) {
        self.keys = keys
        self.command = command
        self.short = short
        self.long = long
        self.footerKeys = footerKeys
    }

    /// "j ↓ ^N": the keys as the help overlay and the README show them.
    public var keyLabels: String { keys.map(\.label).joined(separator: " ") }

    /// "c claim": the footer's hint.
    public var hint: String? { short.map { (footerKeys ?? keys.first?.label ?? "") + " " + $0 } }
}

/// The screens that have a table of their own; `global` holds the keys every screen shares.
public enum BindingScope: String, CaseIterable, Sendable {
    case global, queue, conversation, rotation, handoff, metrics
}

/// One table per screen. A screen's keys are its own table, then the global one.
public enum Bindings {
    static let moving: [Binding] = [
        Binding([.character("j"), .down, .control("n")], .down, short: "move", "move down, or scroll down", footerKeys: "j/k"),
        Binding([.character("k"), .up, .control("p")], .up, "move up, or scroll up"),
        Binding([.pageDown, .character(" "), .control("f"), .control("d")], .pageDown, "page down"),
        Binding([.pageUp, .character("b"), .control("b"), .control("u")], .pageUp, "page up"),
        Binding([.character("g"), .home], .first, "first"),
        Binding([.character("G"), .end], .last, "last"),
    ]

    static let back = Binding([.escape, .character("q"), .character("h"), .left, .backspace], .back, short: "back", "back to the screen before",
                              footerKeys: "Esc/q")

    static let team: [Binding] = [
        Binding([.character("c")], .claim, short: "claim", "claim: own an unowned conversation (every marked one)"),
        Binding([.character("T")], .take, "take over from its owner (asks first)"),
        Binding([.character("a")], .assign, "assign to an engineer (who is on shift first)"),
        Binding([.character("e")], .ropeIn, "rope in an engineer to help, without owning"),
        Binding([.character("u")], .release, "release a conversation you own"),
        Binding([.character("s")], .status, "status: new, open, pending, on hold, solved, closed"),
        Binding([.character("R")], .reply, short: "reply", "reply in $EDITOR; queued to send"),
        Binding([.character("n")], .note, "internal note in $EDITOR; never sent"),
        Binding([.character("t")], .tags, "tags: +tag adds, -tag removes"),
    ]

    public static let global: [Binding] = [
        Binding([.character("?")], .help, short: "help", "this help"),
        Binding([.character(":")], .commandLine, "command line: :42, :claim, :assign dave, :tag +x, :q"),
        Binding([.character("r"), .control("l")], .refresh, "refresh and redraw"),
        Binding([.character("o")], .rotation, "rotation: the next 7 days"),
        Binding([.character("H")], .handoff, "handoff report and notes"),
        Binding([.character("m")], .metrics, "metrics: response times, SLA, people touching, NPS"),
        Binding([.character("N")], .handoffNote, "a handoff note for whoever takes point next"),
        Binding([.character("x")], .acknowledge, "acknowledge the alert in the footer"),
        Binding([.character("Q")], .quitAll, "quit from anywhere"),
    ]

    /// The queue's six views on 1–6, named in the header; saved views follow on their keys.
    public static let builtInViews: [QueueViewDefinition] = [
        QueueViewDefinition(key: "1", name: "all open", filter: ""),
        QueueViewDefinition(key: "2", name: "mine", filter: "is:mine"),
        QueueViewDefinition(key: "3", name: "unowned", filter: "is:unowned"),
        QueueViewDefinition(key: "4", name: "at risk", filter: "is:atrisk"),
        QueueViewDefinition(key: "5", name: "waiting", filter: "status:pending"),
        QueueViewDefinition(key: "6", name: "solved", filter: "is:closed"),
    ]

    static func queue(views: [QueueViewDefinition]) -> [Binding] {
        moving + [
            Binding([.enter, .character("l"), .right], .open, short: "open", "open the selected conversation", footerKeys: "⏎"),
        ] + team + [
            Binding([.character("/")], .filter, short: "filter", "filter: words, and owner: customer: tag: status: is:"),
            Binding([.character("v")], .mark, "mark the row; c a s t then act on every marked row"),
        ] + views.enumerated().compactMap { index, view in
            view.key.map { key in
                Binding([.character(key)], .view(index), "view: \(view.name)" + (view.filter.isEmpty ? "" : " (\(view.filter))"))
            }
        } + [
            Binding([.escape], .back, "clear the marks, then the filter"),
            Binding([.character("q")], .quit, short: "quit", "quit"),
        ]
    }

    static let conversation: [Binding] = moving + [
        back,
        Binding([.tab], .nextRelated, "choose one of the customer's other open conversations"),
        Binding([.enter], .open, "open the one Tab chose, else scroll down"),
    ] + team + [
        Binding([.character("!")], .retryReplies, "send this conversation's failed replies again (unconfirmed ones ask first)"),
    ]

    static let rotation: [Binding] = moving + [back]

    static let handoff: [Binding] = moving + [
        back,
        Binding([.character("n")], .handoffNote, short: "note", "a one-line note for whoever takes point next"),
    ]

    static let metrics: [Binding] = moving + [
        back,
        Binding([.enter, .character("l"), .right], .open, short: "list", "list the conversations behind the figure; open the one chosen",
                footerKeys: "⏎"),
        Binding([.character("p")], .period, short: "period", "period: week, month, quarter (this one against the 8 before)"),
        Binding([.character("B")], .grouping, short: "by", "group by tier, customer, region, engineer"),
        Binding([.character("[")], .earlier, short: "earlier", "the figures and lists of the period before", footerKeys: "[/]"),
        Binding([.character("]")], .later, "the figures and lists of the period after"),
    ]

    /// The table of one scope, views included on the queue.
    public static func table(_ scope: BindingScope, views: [QueueViewDefinition] = builtInViews) -> [Binding] {
        switch scope {
        case .global: return global
        case .queue: return queue(views: views)
        case .conversation: return conversation
        case .rotation: return rotation
        case .handoff: return handoff
        case .metrics: return metrics
        }
    }

    /// The screen's own table, then the global one: the first binding of a key wins.
    public static func all(_ scope: BindingScope, views: [QueueViewDefinition] = builtInViews) -> [Binding] {
        scope == .global ? global : table(scope, views: views) + global
    }

    public static func command(for key: Key, in scope: BindingScope, views: [QueueViewDefinition] = builtInViews) -> Command? {
        all(scope, views: views).first { $0.keys.contains(key) }?.command
    }

    /// The footer: the hints of the bindings that have a footer word, in table order, the
    /// way out last (so that on a narrow screen the screen's own keys stay longest).
    public static func footer(_ scope: BindingScope, views: [QueueViewDefinition] = builtInViews) -> String {
        let bindings = all(scope, views: views)
        let out: Set<Command> = [.back, .quit]
        return (bindings.filter { !out.contains($0.command) } + bindings.filter { out.contains($0.command) })
            .compactMap(\.hint).joined(separator: " · ")
    }

    /// The config's `[[view]]`s as the queue's views; a key bound already on the queue (or
    /// everywhere) is refused, naming the view and what the key does.
    public static func views(_ saved: [SavedView], file: String) throws -> [QueueViewDefinition] {
        var views = builtInViews
        for (index, view) in saved.enumerated() {
            if let key = view.key, let taken = all(.queue, views: views).first(where: { $0.keys.contains(.character(key)) }) {
                throw ConfigError(file: file, key: "view[\(index + 1)].key", message: "\"\(key)\" is bound already: \(taken.long)")
            }
            views.append(QueueViewDefinition(key: view.key, name: view.name, filter: view.filter))
        }
        return views
    }

    /// A README key table for a scope, in Markdown: `| key | does |`.
    public static func markdown(_ scope: BindingScope, views: [QueueViewDefinition] = builtInViews) -> String {
        var lines = ["| key | does |", "|---|---|"]
        for binding in table(scope, views: views) {
            let keys = binding.keys.map { "`" + $0.label.replacingOccurrences(of: "|", with: "\\|") + "`" }.joined(separator: " ")
            lines.append("| \(keys) | \(binding.long.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// A view of the queue: a name for the header and a filter in the `/` language.
public struct QueueViewDefinition: Equatable, Sendable {
    /// Nil for a saved view reached only through `:view NAME`.
    public var key: Character?
    public var name: String
    public var filter: String

    public init(key: Character?, name: String, filter: String) {
        self.key = key
        self.name = name
        self.filter = filter
    }
}

extension Key {
    /// How help and footers name a key: `j`, `↓`, `PgDn`, `^L`, `⏎`, `space`.
    public var label: String {
        switch self {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .control(let character): return "^" + character.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .backspace: return "⌫"
        case .tab: return "Tab"
        case .resize: return "resize"
        }
    }
}
