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
        refreshClock()
        reloadCounts()
        reloadQueue()
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
            reloadQueue()
        case .openConversation(let id):
            openConversation(id)
        case .refresh:
            (terminal as? CursesTerminal)?.invalidate()
            _ = state.queue.scrollToSelection(visible: layout.queueRows)
            reloadAll()
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
        if token != lastToken {
            lastToken = token
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
        state.point = team.regions.isEmpty ? nil : PointStatus(rotation: team.rotation, at: state.now)
    }

    func reloadAll() {
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
    func reloadQueue() {
        let query = QueueQuery(filter: state.queue.filter)
        let keep = state.queue.selectedRow?.id
        guard let total = attempt({ try store.queueSize(query) }) else { return }
        state.queue.total = total
        _ = state.queue.select(state.queue.selected, visible: layout.queueRows)
        guard let rows = attempt({ try store.queueWindow(query, offset: state.queue.top, limit: layout.queueRows) }) else { return }
        state.queue.replaceWindow(rows: rows, total: total, keeping: keep)
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

    func draw() {
        terminal.draw(ScreenRenderer.render(state, theme: theme, width: terminal.width, height: terminal.height))
    }
}
