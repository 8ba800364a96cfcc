import BatonConfig
import BatonCore
import BatonStore
import CNcursesShim
import Foundation

/// The event loop: keys and store changes make a new state; the state is rendered into a
/// grid; the grid goes to the terminal. Nothing is drawn that the state does not hold.
public final class App {
    public internal(set) var state: AppState
    let store: ConversationStore
    let team: TeamConfig
    let theme: Theme
    let terminal: Terminal
    let clock: () -> Date
    /// The engineer at the keyboard, when on the roster: the author of handoff notes.
    var viewer: String? { state.ownership.me }
    /// False when the clock is not the real one (BATON_NOW) on a team's store: a look at
    /// another week must not move anyone's conversations.
    public var runsHandoffs = true
    /// The rotation with the store's overrides, read again whenever the store changes.
    private(set) var rotation: Rotation
    /// The header's point status holds from `pointComputedAt` until `pointExpires`.
    private var pointComputedAt = Date.distantFuture
    private var pointExpires = Date.distantPast
    /// When the next handoff is due, so the loop runs it without asking the store every tick.
    private var nextHandoffAt: Date?
    /// The environment the editor runs with ($EDITOR, $VISUAL).
    let environment: [String: String]
    /// This process's presence row: when it last beat, and for what.
    let beat = PresenceBeat()
    /// When set, actions and heartbeats are written off the loop (see BackgroundWriter).
    let writer: BackgroundWriter?
    private var lastToken: Int64 = 0
    private var lastSecond: Int64 = 0
    private var quit = false

    /// How often an idle screen wakes to look for changes: often enough that another
    /// process's write shows within half a second, seldom enough to cost nothing.
    public static let pollMilliseconds = 200

    public init(store: ConversationStore, team: TeamConfig, theme: Theme, terminal: Terminal, zone: TimeZone = .current, clock: @escaping () -> Date = Date.init,
                identity: Identity? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, writer: BackgroundWriter? = nil) {
        self.store = store
        self.environment = environment
        self.writer = writer
        self.team = team
        rotation = team.rotation
        self.theme = theme
        self.terminal = terminal
        self.clock = clock
        state = AppState(now: clock(), zone: zone)
        state.regionNames = Dictionary(team.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        state.ownership = OwnershipState(team: team, identity: identity)
    }

    var layout: Layout { Layout(width: terminal.width, height: terminal.height) }

    /// Loads what the first screen needs and draws it.
    public func start() {
        lastToken = (try? store.changeToken()) ?? 0
        reloadRotation()
        refreshClock()
        runDueHandoffs()
        reloadCounts()
        reloadQueue()
        showUnseenHandoff()
        draw()
    }

    /// Runs until `q`, or SIGINT, SIGTERM or SIGHUP.
    public func run() {
        start()
        // The benchmark's first-frame figure: stop once the first frame is on the terminal.
        if ProcessInfo.processInfo.environment["BATON_BENCH_FIRST_FRAME"] == "1" { return }
        while !quit && baton_pending_signal() == 0 {
            if let key = terminal.readKey(timeoutMilliseconds: Self.pollMilliseconds) {
                handle(key)
            } else {
                tick()
            }
        }
        leavePresence()
    }

    /// One key: a state transition, then whatever it asks of the store, then a redraw.
    public func handle(_ key: Key) {
        refreshClock()
        let action = KeyHandler.handle(key, state: &state, layout: layout)
        switch action {
        case .none:
            break
        case .quit:
            quit = true
            return
        case .reloadQueue:
            reloadQueue(followingSelection: false)
        case .openConversation(let id):
            openConversation(id)
        case .refresh:
            (terminal as? CursesTerminal)?.invalidate()
            _ = state.queue.scrollToSelection(visible: layout.queueRows)
            reloadAll()
        case .openRotation:
            state.rotation = RotationScreenState(rotation: rotation, now: state.now, zone: state.zone)
        case .openHandoff:
            state.handoff = HandoffScreenState(lines: handoffLines())
        case .saveHandoffNote(let note):
            saveHandoffNote(note)
        case .ownership(let request):
            perform(request)
        }
        updatePresence()
        draw()
    }

    /// Between keys: pick up other processes' writes, and redraw when the clock's
    /// second changes (countdowns). An idle screen does no more than this.
    public func tick() {
        updatePresence()
        let wrote = collectWrites()
        let token = (try? store.changeToken()) ?? lastToken
        let second = Int64(clock().timeIntervalSince1970)
        guard token != lastToken || second != lastSecond || wrote else { return }
        refreshClock()
        // This connection's own write does not change its data_version: a handoff reloads by itself.
        var handedOff = false
        if let due = nextHandoffAt, state.now >= due {
            runDueHandoffs()
            handedOff = true
        }
        if token != lastToken || handedOff {
            lastToken = token
            reloadRotation()
            reloadAll()
        } else {
            reloadPresence()  // nobody wrote, but a dead process's presence expires with time
        }
        draw()
    }

    public var isFinished: Bool { quit }

    func refreshClock() {
        state.now = clock()
        lastSecond = Int64(state.now.timeIntervalSince1970)
        // Who holds point changes only at a boundary: work it out again then, not on every key.
        guard !team.regions.isEmpty, state.now >= pointExpires || state.now < pointComputedAt else { return }
        let point = PointStatus(rotation: rotation, at: state.now)
        state.point = point
        pointComputedAt = state.now
        pointExpires = [point.current?.end, point.gapAt, point.next?.start].compactMap { $0 }.min() ?? state.now.addingTimeInterval(3_600)
    }

    func reloadAll() {
        if let open = state.rotation {
            var fresh = RotationScreenState(rotation: rotation, now: state.now, zone: state.zone)
            fresh.scroll = open.scroll
            state.rotation = fresh
        }
        if state.handoff != nil {
            // Worked out first: handoffLines reads the state that the assignment writes.
            let lines = handoffLines()
            state.handoff?.lines = lines
        }
        reloadCounts()
        reloadQueue()
        reloadPresence()
        if let id = state.conversation?.detail.row.id {
            if let detail = attempt({ try store.conversation(id) }) {
                state.conversation?.detail = detail
            }
        }
    }

    func reloadCounts() {
        if let counts = attempt({ try store.queueCounts(now: state.now) }) { state.counts = counts }
    }

    /// Fetches the visible window only: `top` and as many rows as fit.
    /// After a key moved the selection, the rows in hand are the old window's, so the
    /// selection is not followed by id (it would jump back); after a store change it is.
    func reloadQueue(followingSelection: Bool = true) {
        let query = QueueQuery(filter: state.queue.filter)
        let keep = followingSelection ? state.queue.selectedRow?.id : nil
        guard let total = attempt({ try store.queueSize(query) }) else { return }
        state.queue.total = total
        _ = state.queue.select(state.queue.selected, visible: layout.queueRows)
        guard let rows = attempt({ try store.queueWindow(query, offset: state.queue.top, limit: layout.queueRows) }) else { return }
        state.queue.replaceWindow(rows: rows, total: total, keeping: keep)
        // The selected conversation moved out of the window (an action changed its deadline, or
        // someone else's did): follow it, so the next key acts on what the engineer chose.
        guard let keep, !rows.contains(where: { $0.id == keep }),
              let position = attempt({ try store.queuePosition(of: keep, query) }) ?? nil else { return }
        _ = state.queue.select(position, visible: layout.queueRows)
        guard let moved = attempt({ try store.queueWindow(query, offset: state.queue.top, limit: layout.queueRows) }) else { return }
        state.queue.replaceWindow(rows: moved, total: total, keeping: keep)
    }

    func openConversation(_ id: Int64) {
        guard let detail = attempt({ try store.conversation(id) }) else { return }
        state.conversation = ConversationState(detail: detail)
    }

    /// Runs a store call; a failure becomes a notice on screen instead of ending the program.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            state.notice = "\(error)"
            return nil
        }
    }

    func reloadRotation() {
        guard !team.regions.isEmpty, let withOverrides = attempt({ try store.rotationWithOverrides(team.rotation) }) else { return }
        rotation = withOverrides
        nextHandoffAt = rotation.nextHandoff(after: clock())?.at
        pointExpires = .distantPast  // an override may change who holds point
    }

    /// Runs the handoffs whose time has come (exactly once across every process on the store).
    func runDueHandoffs() {
        guard !team.regions.isEmpty, runsHandoffs else { return }
        let now = clock()
        _ = attempt { try store.runDueHandoffs(rotation, now: now) }
        nextHandoffAt = rotation.nextHandoff(after: now)?.at
    }

    /// The incoming engineer sees the report of their handoff the first time they open baton after it.
    func showUnseenHandoff() {
        guard let viewer, attempt({ try store.markHandoffSeen(by: viewer, at: state.now) }) == true else { return }
        state.handoff = HandoffScreenState(lines: handoffLines())
    }

    func handoffLines() -> [String] {
        let report = attempt { try store.handoffReport(for: viewer, now: state.now) ?? store.handoffReport(for: nil, now: state.now) }
        guard let report = report ?? nil else { return [] }
        return HandoffReportText.lines(report, team: team, now: state.now, zone: state.zone, width: max(40, layout.width - 2))
    }

    func saveHandoffNote(_ note: String) {
        guard let viewer else {
            state.notice = state.ownership.readerReason
            return
        }
        guard attempt({ try store.addHandoffNote(author: viewer, body: note, at: state.now) }) != nil else { return }
        let lines = handoffLines()
        state.handoff?.lines = lines
        state.notice = "note saved for the next handoff"
    }

    func draw() {
        terminal.draw(ScreenRenderer.render(state, theme: theme, width: terminal.width, height: terminal.height))
    }
}
