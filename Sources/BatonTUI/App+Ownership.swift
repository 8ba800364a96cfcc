import BatonCore
import BatonStore
import Foundation

extension OwnershipState {
    init(team: TeamConfig, identity: Identity?) {
        self.init()
        me = identity?.engineer?.id
        readerReason = identity?.reason ?? "nobody is acting on this screen"
        roster = team.engineers.map { RosterEntry(id: $0.id, name: $0.name, region: $0.region) }
        pairs = Dictionary(team.customers.map { ($0.id, CustomerPair(engineer: $0.engineer, csm: $0.csm)) }, uniquingKeysWith: { a, _ in a })
    }
}

/// This process's presence: the key it last announced and when.
final class PresenceBeat {
    let host = HostName.current
    let pid = getpid()
    var announced: (conversation: Int64, activity: Presence.Activity)?
    var at: Date = .distantPast
    /// Set while the editor is open on a reply.
    var replying: Int64?
}

extension Result where Failure == Error {
    /// The failure turned into a success value.
    func catching(_ transform: (Error) -> Success) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): return transform(error)
        }
    }
}

extension OwnershipRequest {
    var conversation: Int64 {
        switch self {
        case .claim(let id), .take(let id, _), .assign(let id, _, _), .release(let id, _), .ropeIn(let id, _),
             .status(let id, _, _), .tag(let id, _, _), .reply(let id), .note(let id), .queueReply(let id, _),
             .retryReplies(let id):
            return id
        }
    }

    /// What the footer says while it waits: "claiming…".
    var verb: String {
        switch self {
        case .claim: return "claiming"
        case .take: return "taking over"
        case .assign(_, let engineer, _): return "assigning to \(engineer)"
        case .release: return "releasing"
        case .ropeIn(_, let engineer): return "roping in \(engineer)"
        case .status(_, let status, _): return "setting \(status.words)"
        case .tag: return "tagging"
        case .reply, .queueReply: return "queueing the reply"
        case .note: return "adding the note"
        case .retryReplies: return "queueing its failed replies again"
        }
    }
}

/// The team's actions and presence in the event loop.
extension App {
    var teamStore: TeamStore? { store as? TeamStore }
    var me: Engineer? { state.ownership.me.flatMap(team.engineer) }

    /// Carries out a request against the store; what happened, or who got there first,
    /// comes back as a `.written` event. With a background writer the screen goes on while it waits.
    func perform(_ request: OwnershipRequest) {
        guard let store = teamStore, let me else {
            send(.notice(state.ownership.readerReason))
            return
        }
        switch request {
        case .reply(let id), .note(let id):
            let kind: ComposeKind
            if case .reply = request { kind = .reply } else { kind = .note }
            switch Result(catching: { try compose(kind, on: id, store: writer?.store ?? store, me: me) }) {
            case .success(let result?): send(.written(request, .done(result)))
            case .success(nil): break
            case .failure(let error): send(.written(request, Self.outcome(of: error)))
            }
        default:
            let now = clock()
            if let writer {
                writer.submit(request) { store in try Self.execute(request, store: store, me: me, at: now) }
            } else {
                let outcome = Result { try Self.execute(request, store: store, me: me, at: now) }
                send(.written(request, outcome.map(WriteOutcome.done).catching(Self.outcome(of:))))
            }
        }
    }

    static func outcome(of error: Error) -> WriteOutcome {
        (error as? ActionConflict).map(WriteOutcome.conflict) ?? .failed("\(error)")
    }

    /// The store call for a request that needs no editor.
    static func execute(_ request: OwnershipRequest, store: TeamStore, me: Engineer, at now: Date) throws -> ActionResult? {
        let actor = me.id
        switch request {
        case .claim(let id): return try store.claim(id, actor: actor, at: now)
        case let .take(id, version): return try store.take(id, actor: actor, expectedVersion: version, at: now)
        case let .assign(id, engineer, version): return try store.assign(id, to: engineer, actor: actor, expectedVersion: version, at: now)
        case let .release(id, version): return try store.release(id, actor: actor, expectedVersion: version, at: now)
        case let .ropeIn(id, engineer): return try store.ropeIn(id, engineer: engineer, actor: actor, at: now)
        case let .status(id, status, version): return try store.setStatus(id, to: status, actor: actor, expectedVersion: version, at: now)
        case let .tag(id, add, remove): return try store.tag(id, add: add, remove: remove, actor: actor, at: now)
        case let .queueReply(id, body): return try store.queueReply(id, body: body, actor: actor, authorName: me.name, at: now)
        case .retryReplies(let id): return try retryReplies(id, store: store, actor: actor, at: now)
        case .reply, .note: return nil
        }
    }

    /// The background writer's outcomes since the last look, sent as events; how many.
    @discardableResult
    func collectWrites() -> Int {
        guard let finished = writer?.takeFinished(), !finished.isEmpty else { return 0 }
        for (request, outcome) in finished {
            if case .failure(let error) = outcome { noteUnreachable(error) }
            send(.written(request, outcome.map(WriteOutcome.done).catching(Self.outcome(of:))))
        }
        return finished.count
    }

    /// The editor on a reply or note, with the screen handed over meanwhile. Others see
    /// "is replying" for as long as the editor is open.
    func compose(_ kind: ComposeKind, on id: Int64, store: TeamStore, me: Engineer) throws -> ActionResult? {
        if kind == .reply {
            beat.replying = id
            updatePresence(force: true)
        }
        defer { beat.replying = nil }
        let opened = clock()
        var outcome: Result<ComposeResult, Error> = .success(.cancelled)
        let environment = self.environment
        let context = try ReplyContext(kind, detail: store.conversation(id), team: team, zone: state.zone, now: clock())
        terminal.suspend {
            outcome = Result { try Composer.compose(kind, conversation: id, author: me.id, store: store, environment: environment, now: clock(), context: context) }
        }
        switch try outcome.get() {
        case .body(let body):
            do {
                // Someone wrote while this reply was being written: ask before queueing it, and
                // keep it as a draft meanwhile, so no answer and no crash loses it.
                if kind == .reply {
                    let writers = ReplyCollision.writers(in: try store.conversation(id).messages, since: opened, author: me.id)
                    if !writers.isEmpty {
                        try store.saveDraft(id, author: me.id, kind: kind.rawValue, body: body, at: clock())
                        send(.ask(question: "\(ReplyCollision.text(writers)) while you were writing. Queue your reply anyway? y/n",
                                  requests: [.queueReply(id, body: body)]))
                        return nil
                    }
                }
                return kind == .reply
                    ? try store.queueReply(id, body: body, actor: me.id, authorName: me.name, at: clock())
                    : try store.addNote(id, body: body, actor: me.id, authorName: me.name, at: clock())
            } catch {
                // Not stored (the store was held too long): keep the text for next time if we can;
                // when the draft cannot be saved either (the server away), in a file until it is back.
                if (try? store.saveDraft(id, author: me.id, kind: kind.rawValue, body: body, at: clock())) == nil {
                    throw keepUnstored(body, conversation: id, kind: kind, error: error)
                }
                throw error
            }
        case .cancelled:
            send(.notice("the \(kind.rawValue) was left empty; nothing sent"))
        case .failed(let message):
            send(.notice(message))
        }
        return nil
    }

    /// Announces which conversation this screen has open, about once a second, and
    /// withdraws it when the conversation closes.
    func updatePresence(force: Bool = false) {
        guard let store = teamStore, let me = state.ownership.me else { return }
        let now = clock()
        let open = state.conversation?.detail.row.id
        if let id = beat.replying ?? open {
            let activity: Presence.Activity = beat.replying == nil ? .viewing : .replying
            let same = beat.announced.map { $0.conversation == id && $0.activity == activity } ?? false
            guard force || !same || now.timeIntervalSince(beat.at) >= Presence.heartbeatSeconds else { return }
            let (host, pid) = (beat.host, beat.pid)
            if let writer {
                writer.heartbeat { store in try store.heartbeat(engineer: me, conversation: id, activity: activity, host: host, pid: pid, at: now) }
            } else if (try? store.heartbeat(engineer: me, conversation: id, activity: activity, host: host, pid: pid, at: now)) == nil {
                return
            }
            beat.announced = (id, activity)
            beat.at = now
        } else if beat.announced != nil {
            leavePresence()
        }
    }

    func leavePresence() {
        guard beat.announced != nil, let store = teamStore else { return }
        writer?.wait()  // a heartbeat still queued must not land after the clearing
        try? (writer?.store ?? store).clearPresence(host: beat.host, pid: beat.pid)
        beat.announced = nil
    }

    /// Reads who else is on the visible rows and the open conversation; returns whether
    /// that changed (someone came, went, or stopped beating).
    @discardableResult
    func reloadPresence() -> Bool {
        guard let store = teamStore else { return false }
        var ids = state.queue.rows.map(\.id)
        if let open = state.conversation?.detail.row.id { ids.append(open) }
        guard let entries = try? store.presence(on: ids, excludingHost: beat.host, pid: beat.pid, now: clock()) else { return false }
        // Heartbeat times change every second; only who and what count as a change.
        let presence = Dictionary(grouping: entries.map { entry -> Presence in
            var stripped = entry
            stripped.heartbeatAt = .distantPast
            return stripped
        }, by: \.conversationID)
        guard presence != state.ownership.presence else { return false }
        state.ownership.presence = presence
        return true
    }
}
