import BatonCore
import BatonStore
import Foundation

extension OwnershipState {
    init(team: TeamConfig, identity: Identity?) {
        self.init()
        me = identity?.engineer?.id
        readerReason = identity?.reason ?? "nobody is acting on this screen"
        roster = team.engineers.map { RosterEntry(id: $0.id, name: $0.name, region: $0.region) }
    }
}

/// This process's presence: the key it last announced and when.
final class PresenceBeat {
    let host = ProcessInfo.processInfo.hostName
    let pid = getpid()
    var announced: (conversation: Int64, activity: Presence.Activity)?
    var at: Date = .distantPast
    /// Set while the editor is open on a reply.
    var replying: Int64?
}

/// The team's actions and presence in the event loop.
extension App {
    var teamStore: TeamStore? { store as? TeamStore }
    var me: Engineer? { state.ownership.me.flatMap(team.engineer) }

    /// Carries out a request against the store; what happened, or who got there first,
    /// lands in the footer.
    func perform(_ request: OwnershipRequest) {
        guard let store = teamStore, let me else {
            state.notice = state.ownership.readerReason
            return
        }
        let now = clock()
        let id: Int64
        do {
            let result: ActionResult?
            switch request {
            case .claim(let conversation):
                id = conversation
                result = try store.claim(id, actor: me.id, at: now)
            case let .take(conversation, version):
                id = conversation
                result = try store.take(id, actor: me.id, expectedVersion: version, at: now)
            case let .assign(conversation, engineer, version):
                id = conversation
                result = try store.assign(id, to: engineer, actor: me.id, expectedVersion: version, at: now)
            case let .release(conversation, version):
                id = conversation
                result = try store.release(id, actor: me.id, expectedVersion: version, at: now)
            case let .ropeIn(conversation, engineer):
                id = conversation
                result = try store.ropeIn(id, engineer: engineer, actor: me.id, at: now)
            case let .status(conversation, status, version):
                id = conversation
                result = try store.setStatus(id, to: status, actor: me.id, expectedVersion: version, at: now)
            case .reply(let conversation), .note(let conversation):
                id = conversation
                let kind: ComposeKind
                if case .reply = request { kind = .reply } else { kind = .note }
                result = try compose(kind, on: id, store: store, me: me)
            }
            if let result {
                state.notice = result.event.map { "#\(id) \($0.kind): \($0.detail)" } ?? "#\(id): nothing to change"
            }
        } catch let conflict as ActionConflict {
            state.notice = "#\(conflict.conversation): " + conflict.text(now: clock())
        } catch {
            state.notice = "\(error)"
        }
        reloadAll()
    }

    /// The editor on a reply or note, with the screen handed over meanwhile. Others see
    /// "is replying" for as long as the editor is open.
    func compose(_ kind: ComposeKind, on id: Int64, store: TeamStore, me: Engineer) throws -> ActionResult? {
        if kind == .reply {
            beat.replying = id
            updatePresence(force: true)
        }
        defer { beat.replying = nil }
        var outcome: Result<ComposeResult, Error> = .success(.cancelled)
        let environment = self.environment
        terminal.suspend {
            outcome = Result { try Composer.compose(kind, conversation: id, author: me.id, store: store, environment: environment, now: clock()) }
        }
        switch try outcome.get() {
        case .body(let body):
            return kind == .reply
                ? try store.queueReply(id, body: body, actor: me.id, authorName: me.name, at: clock())
                : try store.addNote(id, body: body, actor: me.id, authorName: me.name, at: clock())
        case .cancelled:
            state.notice = "the \(kind.rawValue) was left empty; nothing sent"
        case .failed(let message):
            state.notice = message
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
            if (try? store.heartbeat(engineer: me, conversation: id, activity: activity, host: beat.host, pid: beat.pid, at: now)) != nil {
                beat.announced = (id, activity)
                beat.at = now
            }
        } else if beat.announced != nil {
            leavePresence()
        }
    }

    func leavePresence() {
        guard beat.announced != nil, let store = teamStore else { return }
        try? store.clearPresence(host: beat.host, pid: beat.pid)
        beat.announced = nil
    }

    /// Reads who else is on the visible rows and the open conversation.
    func reloadPresence() {
        guard let store = teamStore else { return }
        var ids = state.queue.rows.map(\.id)
        if let open = state.conversation?.detail.row.id { ids.append(open) }
        guard let entries = try? store.presence(on: ids, excludingHost: beat.host, pid: beat.pid, now: clock()) else { return }
        state.ownership.presence = Dictionary(grouping: entries, by: \.conversationID)
    }
}
