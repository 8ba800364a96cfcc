import BatonConfig
import BatonCore
import BatonStore
import CNcurses
import CNcursesShim
import Foundation

/// The event loop: keys, the clock, store changes and finished writes become events; the
/// one pure `Update` turns each into new state and effects; this class runs the loop and
/// the effects (store, editor, terminal) and nothing else. Nothing is drawn that the state
/// does not hold.
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
    /// The rotation with the store's overrides, and when point next changes hands.
    var pointClock: PointClock
    /// The environment the editor runs with ($EDITOR, $VISUAL).
    let environment: [String: String]
    /// This process's presence row: when it last beat, and for what.
    let beat = PresenceBeat()
    /// When set, actions and heartbeats are written off the loop (see BackgroundWriter).
    let writer: BackgroundWriter?
    /// What this engineer has read (nil for a reader, or a store without a file).
    let seen: SeenFile?
    /// Works the metrics screen's figures out off the loop; made when the screen first opens.
    public internal(set) var metricsLoader: MetricsLoader?
    private var lastToken: Int64 = 0
    private var lastSecond: Int64 = 0
    private var quit = false
    /// The reload the effects of this turn asked for, run once at its end.
    private var pendingReload: Effect.Reload?
    private var depth = 0
    /// How many times everything was fetched again: one per change, which tests hold it to.
    private(set) var reloads = 0
    /// How many times the bell rang: a test reads it, the terminal hears it.
    private(set) var bells = 0
    /// Set when point passed to the viewer while the screen was open, until the handoff's
    /// report (run by this process or another) is found and shown.
    private var awaitingHandoffUntil: Date?
    private var viewerHeldPoint = false
    /// Alerts for the viewer, when turned on (`enableAlerts`, issue 12).
    var alerting: AppAlerts?
    /// The desktop notifications sent: a test reads them, the terminal shows them.
    var notifications: [String] = []

    /// How often an idle screen wakes to look for changes: often enough that another
    /// process's write shows within half a second, seldom enough to cost nothing.
    public static let pollMilliseconds = 200
    /// How often it looks while one of its own writes is on its way, so the outcome shows at once.
    static let busyPollMilliseconds = 20

    public init(store: ConversationStore, team: TeamConfig, theme: Theme, terminal: Terminal, zone: TimeZone = .current, clock: @escaping () -> Date = Date.init,
                identity: Identity? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, writer: BackgroundWriter? = nil,
                views: [QueueViewDefinition] = Bindings.builtInViews) {
        self.store = store
        self.environment = environment
        self.writer = writer
        self.team = team
        pointClock = PointClock(rotation: team.rotation)
        self.theme = theme
        self.terminal = terminal
        self.clock = clock
        state = AppState(now: clock(), zone: zone)
        state.regionNames = Dictionary(team.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        state.ownership = OwnershipState(team: team, identity: identity)
        state.views = views
        if let me = state.ownership.me, let path = (store as? StoreBackend)?.location.localFilesBase() {
            seen = SeenFile(storePath: path, engineer: me, now: state.now)
        } else {
            seen = nil
        }
    }

    var layout: Layout { Layout(width: terminal.width, height: terminal.height) }

    /// Loads what the first screen needs and draws it.
    public func start() {
        lastToken = (try? store.changeToken()) ?? 0
        restoreKeptDrafts()  // what a previous run kept while the store was away
        reloadRotation()
        runDueHandoffs()
        turn {
            send(clockEvent())
            viewerHeldPoint = state.pointLeavesViewerAt != nil
            pendingReload = .all
            showUnseenHandoff()
            showPointNotices()
            passAlerts(force: true)
        }
        draw()
    }

    /// Runs until `q`, or SIGINT, SIGTERM or SIGHUP.
    public func run() {
        start()
        // The benchmark's first-frame figure: stop once the first frame is on the terminal.
        if ProcessInfo.processInfo.environment["BATON_BENCH_FIRST_FRAME"] == "1" { return }
        while !quit && baton_pending_signal() == 0 {
            let wait = writer?.isBusy == true || metricsLoader?.isBusy == true ? Self.busyPollMilliseconds : Self.pollMilliseconds
            if let key = terminal.readKey(timeoutMilliseconds: wait) {
                handle(key)
            } else {
                tick()
            }
        }
        leavePresence()
        leaveAlerts()
    }

    /// One key: an event, its effects, one redraw. Writes finished meanwhile are shown with it.
    public func handle(_ key: Key) {
        alertKeyPressed()
        turn {
            send(clockEvent())
            send(.key(key))
            collectWrites()
        }
        guard !quit else { return }
        updatePresence()
        draw()
    }

    /// Between keys: pick up finished writes and other processes' writes, and redraw when
    /// the clock's second changes (countdowns). An idle screen does no more than this.
    public func tick() {
        updatePresence()
        var changed = false
        turn {
            changed = collectWrites() > 0
            changed = collectMetrics() || changed
            changed = reloadPresence() || changed
            let token = readChangeToken() ?? lastToken
            // A store change may be a new conversation: alerts are decided at once, not in 5 s.
            let alertsBefore = state.alerts
            passAlerts(force: token != lastToken)
            changed = changed || state.alerts != alertsBefore
            let second = Int64(clock().timeIntervalSince1970)
            guard token != lastToken || second != lastSecond || changed || pendingReload != nil else { return }
            changed = true
            send(clockEvent())
            // This connection's own write does not change its data_version: a handoff reloads by itself.
            var handedOff = false
            if let due = pointClock.nextHandoffAt, state.now >= due {
                runDueHandoffs()
                handedOff = true
            }
            if token != lastToken || handedOff {
                reloadRotation()
                send(.storeChanged)
                showPointNotices()
            }
            watchForHandoff(storeMoved: token != lastToken || handedOff)
        }
        if changed { draw() }
    }

    public var isFinished: Bool { quit }

    // MARK: the loop

    /// Runs `body`, then the one reload its effects asked for (a write and the change it
    /// makes in the store are one reload, not two).
    func turn(_ body: () -> Void) {
        depth += 1
        body()
        depth -= 1
        guard depth == 0, let reload = pendingReload else { return }
        pendingReload = nil
        switch reload {
        case .window:
            reloadQueue(followingSelection: false)
        case .all:
            // The token first: a write landing during the reload is seen by the next tick.
            let token = (try? store.changeToken()) ?? lastToken
            reloadAll()
            lastToken = token
        }
    }

    /// An event through the update, and its effects run.
    func send(_ event: Event) {
        for effect in Update.update(event, state: &state, layout: layout) { run(effect) }
    }

    func run(_ effect: Effect) {
        switch effect {
        case .reload(let reload):
            pendingReload = pendingReload == .all || reload == .all ? .all : .window
        case .load(let load):
            if let screen = self.load(load) { send(.show(screen)) }
        case .write(let request):
            perform(request)
        case let .compose(kind, id):
            perform(kind == .reply ? .reply(id) : .note(id))
        case .saveHandoffNote(let note):
            saveHandoffNote(note)
        case .computeMetrics(let request):
            computeMetrics(request)
        case .redraw:
            (terminal as? CursesTerminal)?.invalidate()
        case .ring:
            bells += 1
            if terminal is CursesTerminal { beep() }
        case let .desktopNotify(title, body):
            desktopNotify(title: title, body: body)
        case .acknowledgeAlert(let id):
            acknowledgeAlert(id)
        case .quit:
            quit = true
        }
    }

    func clockEvent() -> Event {
        let now = clock()
        lastSecond = Int64(now.timeIntervalSince1970)
        return .tick(now: now, point: team.regions.isEmpty ? nil : pointClock.status(at: now))
    }

    // MARK: loading

    func load(_ load: Effect.Load) -> Screen? {
        switch load {
        case .conversation(let id):
            return conversation(id).map(Screen.conversation)
        case .rotation:
            return .rotation(RotationScreenState(rotation: pointClock.rotation, now: state.now, zone: state.zone))
        case .handoff:
            return .handoff(HandoffScreenState(lines: handoffLines()))
        }
    }

    /// A conversation with the customer's other open ones; opening it marks it read.
    func conversation(_ id: Int64, keeping open: ConversationState? = nil) -> ConversationState? {
        guard let detail = attempt({ try store.conversation(id) }) else { return nil }
        var state = open ?? ConversationState(detail: detail)
        state.detail = detail
        state.replies = replies(of: detail)
        if let customer = detail.row.customerID,
           let rows = try? store.queueWindow(QueueQuery(filter: "customer:\(customer)"), offset: 0, limit: 6) {
            state.related = Array(rows.filter { $0.id != id }.prefix(5))
            if let chosen = state.chosen, !state.related.indices.contains(chosen) { state.chosen = nil }
        }
        if seen?.markSeen(id, messageCount: detail.row.messageCount) == true { self.state.ownership.unread.remove(id) }
        return state
    }

    func reloadAll() {
        reloads += 1
        if case .rotation(let open) = state.screen {
            var fresh = RotationScreenState(rotation: pointClock.rotation, now: state.now, zone: state.zone)
            fresh.scroll = open.scroll
            state.screen = .rotation(fresh)
        }
        if case .handoff(var open) = state.screen {
            open.lines = handoffLines()
            state.screen = .handoff(open)
        }
        if let counts = attempt({ try store.queueCounts(now: state.now) }) { state.counts = counts }
        reloadQueue()
        reloadPresence()
        if let open = state.conversation, let fresh = conversation(open.detail.row.id, keeping: open) {
            state.updateConversation { $0 = fresh }
        }
    }

    var queueQuery: QueueQuery {
        let view = state.views.indices.contains(state.queue.view) ? state.views[state.queue.view].filter : ""
        return QueueQuery(filter: view + " " + state.queue.filter, viewer: state.ownership.me, now: state.now)
    }

    /// Fetches the visible window only: `top` and as many rows as fit.
    /// After a key moved the selection, the rows in hand are the old window's, so the
    /// selection is not followed by id (it would jump back); after a store change it is.
    func reloadQueue(followingSelection: Bool = true) {
        let query = queueQuery
        let keep = followingSelection ? state.queue.selectedRow?.id : nil
        guard let total = attempt({ try store.queueSize(query) }) else { return }
        state.queue.total = total
        _ = state.queue.select(state.queue.selected, visible: layout.queueRows)
        guard let rows = attempt({ try store.queueWindow(query, offset: state.queue.top, limit: layout.queueRows) }) else { return }
        state.queue.replaceWindow(rows: rows, total: total, keeping: keep)
        defer { reloadUnread(); reloadOutbox() }
        // The selected conversation moved out of the window (an action changed its deadline, or
        // someone else's did): follow it, so the next key acts on what the engineer chose.
        guard let keep, !rows.contains(where: { $0.id == keep }),
              let position = attempt({ try store.queuePosition(of: keep, query) }) ?? nil else { return }
        _ = state.queue.select(position, visible: layout.queueRows)
        guard let moved = attempt({ try store.queueWindow(query, offset: state.queue.top, limit: layout.queueRows) }) else { return }
        state.queue.replaceWindow(rows: moved, total: total, keeping: keep)
    }

    /// Which visible rows hold messages this engineer has not seen.
    func reloadUnread() {
        guard let seen else { return }
        seen.load()
        state.ownership.unread = Set(state.queue.rows.filter(seen.isUnread).map(\.id))
    }

    /// Runs a store call; a failure becomes a notice on screen instead of ending the program.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            // The server away is a state of the screen, not a notice (see App+StoreAway).
            if !noteUnreachable(error) { state.notice = "\(error)" }
            return nil
        }
    }

    // MARK: the rotation and handoffs

    func reloadRotation() {
        // The one place overrides join the rotation (ConversationStore.rotationWithOverrides).
        guard !team.regions.isEmpty, let withOverrides = attempt({ try store.rotationWithOverrides(team.rotation) }) else { return }
        pointClock.setOverrides(withOverrides.overrides, now: clock())
    }

    /// Runs the handoffs whose time has come (exactly once across every process on the store).
    func runDueHandoffs() {
        guard !team.regions.isEmpty, runsHandoffs else { return }
        let now = clock()
        _ = attempt { try store.runDueHandoffs(pointClock.rotation, now: now) }
        pointClock.handedOff(now: now)
    }

    /// The incoming engineer sees the report of their handoff the first time they open baton after it.
    func showUnseenHandoff() {
        guard let viewer, attempt({ try store.markHandoffSeen(by: viewer, at: state.now) }) == true else { return }
        send(.show(.handoff(HandoffScreenState(lines: handoffLines()))))
    }

    /// Point passing to the viewer while the screen is open: once the handoff has run (here
    /// or in another process) its report opens and the bell rings once (see `Event.handoffArrived`).
    /// The store is asked only in the ten minutes after that moment (any baton runs a handoff
    /// within a minute or two), only when it changed, and only until the report is found.
    func watchForHandoff(storeMoved: Bool) {
        let shift = state.pointLeavesViewerAt == nil ? nil : state.point?.current
        defer { viewerHeldPoint = shift != nil }
        let arrived = shift != nil && !viewerHeldPoint
        if arrived { awaitingHandoffUntil = state.now.addingTimeInterval(600) }
        guard let shift, let until = awaitingHandoffUntil, state.now < until else {
            awaitingHandoffUntil = nil
            return
        }
        // Another process may have run the handoff before this clock passed the boundary.
        guard storeMoved || arrived, let viewer,
              let report = attempt({ try store.handoffReport(for: viewer, now: state.now) }) ?? nil,
              report.handoff.seenAt == nil, report.handoff.boundary >= shift.start,
              attempt({ try store.markHandoffSeen(by: viewer, at: state.now) }) == true else { return }
        awaitingHandoffUntil = nil
        send(.handoffArrived(HandoffScreenState(lines: handoffLines(report))))
    }

    /// Overrides that put the viewer on point since they last looked: said in the footer
    /// once, then marked seen.
    func showPointNotices() {
        guard let viewer, let store = store as? RotationStore,
              let notices = attempt({ try store.unseenPointNotices(for: viewer) }), !notices.isEmpty else { return }
        let text = notices.map { $0.text(in: state.zone) }.joined(separator: "; ")
        _ = attempt { try store.markPointNoticesSeen(for: viewer, ids: notices.map(\.id), at: state.now) }
        send(.notice(text))
    }

    func handoffLines() -> [String] {
        let report = attempt { try store.handoffReport(for: viewer, now: state.now) ?? store.handoffReport(for: nil, now: state.now) }
        return handoffLines(report ?? nil)
    }

    func handoffLines(_ report: HandoffReport?) -> [String] {
        guard let report else { return [] }
        return HandoffReportText.lines(report, team: team, now: state.now, zone: state.zone, width: max(40, layout.width - 2))
    }

    func saveHandoffNote(_ note: String) {
        guard let viewer else {
            send(.notice(state.ownership.readerReason))
            return
        }
        guard attempt({ try store.addHandoffNote(author: viewer, body: note, at: state.now) }) != nil else { return }
        if case .handoff(var open) = state.screen {
            open.lines = handoffLines()
            state.screen = .handoff(open)
        }
        send(.handoffNoteSaved)
    }

    func draw() {
        // Wrapped once per width and per change, kept for the keys and ticks that follow.
        if state.conversation != nil { state.updateConversation { $0.wrap(width: terminal.width) } }
        terminal.draw(ScreenRenderer.render(state, theme: theme, width: terminal.width, height: terminal.height))
    }
}

/// Who holds point, worked out again only at a boundary, not on every key; and when the
/// next handoff is due, so the loop runs it without asking the store every tick.
struct PointClock {
    private(set) var rotation: Rotation
    private(set) var nextHandoffAt: Date?
    private var computedAt = Date.distantFuture
    private var expires = Date.distantPast
    private var point: PointStatus?

    init(rotation: Rotation) {
        self.rotation = rotation
    }

    mutating func status(at now: Date) -> PointStatus? {
        if let point, now < expires, now >= computedAt { return point }
        let fresh = PointStatus(rotation: rotation, at: now)
        point = fresh
        computedAt = now
        expires = [fresh.current?.end, fresh.gapAt, fresh.next?.start].compactMap { $0 }.min() ?? now.addingTimeInterval(3_600)
        return fresh
    }

    mutating func setOverrides(_ overrides: [Override], now: Date) {
        rotation.overrides = overrides
        nextHandoffAt = rotation.nextHandoff(after: now)?.at
        expires = .distantPast  // an override may change who holds point
    }

    mutating func handedOff(now: Date) {
        nextHandoffAt = rotation.nextHandoff(after: now)?.at
    }
}
