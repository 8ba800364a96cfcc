import BatonCore
import Foundation

/// Everything the screen shows. Rendering is a function of this and nothing else.
public struct AppState: Equatable, Sendable {
    public var now: Date
    /// The zone the viewer reads times in.
    public var zone: TimeZone
    public var counts = QueueCounts(open: 0, unowned: 0, breaching: 0)
    public var point: PointStatus?
    /// Region ids to display names, for the header.
    public var regionNames: [String: String] = [:]
    /// The queue stays under every other screen: back from anything lands on it.
    public var queue = QueueState()
    /// The screen on top; `.queue` when nothing else is open.
    public var screen: Screen = .queue
    /// The screens under `screen`, nearest last: Esc goes back to them in turn.
    public var behind: [Screen] = []
    /// The box or line over the screen, which takes the keys while it is there.
    public var overlay: Overlay?
    /// A one-line notice in the footer, such as an error from the store.
    public var notice: String?
    /// Who acts, who else is here, and the roster for pickers (issue 4).
    public var ownership = OwnershipState()
    /// The queue's views: the six built in (1–6), then the config's `[[view]]`s.
    public var views: [QueueViewDefinition] = Bindings.builtInViews
    /// An action on several marked rows still being written: one line says how it went.
    public var batch: Batch?
    /// A handoff report that came while a box or line was up: it opens when they close.
    public var pendingHandoff: HandoffScreenState?
    /// When point leaves this engineer, as it stood when they left a handoff note, so the
    /// footer stops asking for one (see `handoffNoteDue`).
    public var handoffNoteLeft: Date?
    /// The viewer's alerts not yet acknowledged, and when each rang (issue 12).
    public var alerts = AlertsState()
    /// The outbox's counts and the visible rows with a failed reply (issue 13).
    public var replies = ReplyWatch()
    /// Set while the store's server cannot be reached (issue 16): the screen keeps its last frame.
    public var storeAway: StoreAway?

    public init(now: Date, zone: TimeZone) {
        self.now = now
        self.zone = zone
    }

    /// The open conversation, whether on top or under the rotation or handoff screen.
    public var conversation: ConversationState? {
        if case .conversation(let open) = screen { return open }
        for case .conversation(let open) in behind.reversed() { return open }
        return nil
    }

    /// Changes the open conversation wherever it is in the stack.
    mutating func updateConversation(_ change: (inout ConversationState) -> Void) {
        if case .conversation(var open) = screen {
            change(&open)
            screen = .conversation(open)
            return
        }
        if let index = behind.lastIndex(where: { if case .conversation = $0 { return true } else { return false } }),
           case .conversation(var open) = behind[index] {
            change(&open)
            behind[index] = .conversation(open)
        }
    }

    public var rotation: RotationScreenState? {
        if case .rotation(let rotation) = screen { return rotation }
        return nil
    }

    public var handoff: HandoffScreenState? {
        if case .handoff(let handoff) = screen { return handoff }
        return nil
    }

    public var showHelp: Bool {
        if case .help = overlay { return true }
        return false
    }

    /// The line being typed, if any.
    public var line: LineEditor? {
        if case .line(let editor) = overlay { return editor }
        return nil
    }

    /// Shows `next` over the current screen; Esc comes back.
    mutating func push(_ next: Screen) {
        if screen.scope == next.scope {
            screen = next
            return
        }
        // One of each: the rotation opened again from the handoff report replaces the one under it.
        behind.removeAll { $0.scope == next.scope }
        if screen.scope != .queue { behind.append(screen) }
        screen = next
    }

    mutating func pop() {
        screen = behind.popLast() ?? .queue
    }

    var scope: BindingScope { screen.scope }

    /// How long before point leaves this engineer the footer asks for a handoff note.
    public static let handoffNoteWindow: TimeInterval = 1_800

    /// When point leaves the viewer (at a gap, or when the next engineer's shift starts);
    /// nil when they do not hold it.
    public var pointLeavesViewerAt: Date? {
        guard let me = ownership.me, let point, let shift = point.current, shift.engineer == me else { return nil }
        return point.gapAt ?? point.next?.start ?? shift.end
    }

    /// The footer's request for a handoff note: the viewer holds point, it leaves them within
    /// `handoffNoteWindow` seconds, and they have not left a note for that handoff; nil otherwise.
    public var handoffNoteDue: String? {
        guard let passes = pointLeavesViewerAt, handoffNoteLeft != passes else { return nil }
        let left = Int64(passes.timeIntervalSince(now).rounded(.down))
        guard left > 0, TimeInterval(left) <= Self.handoffNoteWindow else { return nil }
        return "point passes in \(DurationText.compact(left)): N leaves a handoff note"
    }
}

/// An action on several conversations at once, while their outcomes come in.
public struct Batch: Equatable, Sendable {
    public var verb: String
    public var total: Int
    public var done = 0
    /// The outcomes that did not go through, said in full.
    public var refused: [String] = []

    /// "claim: 3 of 3 done", or "claim: 2 of 3 done; #4: dave claimed this 2 s ago".
    public var text: String {
        "\(verb): \(total - refused.count) of \(total) done" + (refused.isEmpty ? "" : "; " + refused.joined(separator: "; "))
    }
}

/// What is on screen, each with its own state.
public enum Screen: Equatable, Sendable {
    case queue
    case conversation(ConversationState)
    case rotation(RotationScreenState)
    case handoff(HandoffScreenState)
    case metrics(MetricsScreenState)

    public var scope: BindingScope {
        switch self {
        case .queue: return .queue
        case .conversation: return .conversation
        case .rotation: return .rotation
        case .handoff: return .handoff
        case .metrics: return .metrics
        }
    }
}

/// What sits over the screen and takes the keys while it is there.
public enum Overlay: Equatable, Sendable {
    /// Every key of this screen; `scroll` is the first line shown.
    case help(scroll: Int)
    /// A list to choose from.
    case picker(Picker)
    /// y does the requests, anything else leaves things as they are.
    case confirm(question: String, requests: [OwnershipRequest])
    /// A line being typed: the filter, a tag change, a handoff note, a command.
    case line(LineEditor)
}
