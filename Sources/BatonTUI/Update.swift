import BatonCore
import Foundation

/// The one update: an event and the state in, the new state and the effects to run out.
/// Pure: no store, no terminal, no clock (time comes in with `.tick`), so every key and
/// every outcome is tested without either.
public enum Update {
    public static func update(_ event: Event, state: inout AppState, layout: Layout) -> [Effect] {
        let effects = keepingOffTheStore(dispatch(event, state: &state, layout: layout), state: &state)
        // A handoff report that came while a box or line was up opens once the screen is plain
        // again: never over the editor (the loop waits for it), a picker, a prompt or the filter.
        if state.overlay == nil, let report = state.pendingHandoff {
            state.pendingHandoff = nil
            state.push(.handoff(report))
        }
        return effects
    }

    static func dispatch(_ event: Event, state: inout AppState, layout: Layout) -> [Effect] {
        switch event {
        case .key(let key):
            return self.key(key, state: &state, layout: layout)
        case let .tick(now, point):
            state.now = now
            if let point { state.point = point }
            return ringing(state: &state)
        case .storeChanged:
            return [.reload(.all)]
        case let .written(request, outcome):
            let said = text(of: outcome, request: request, now: state.now)
            if var batch = state.batch {
                // Marked rows: one line once all are in, naming those that did not go through.
                batch.done += 1
                if case .done = outcome {} else if let said { batch.refused.append(said) }
                state.batch = batch.done < batch.total ? batch : nil
                state.notice = batch.done < batch.total ? "\(batch.verb): \(batch.done) of \(batch.total)…" : batch.text
            } else {
                state.notice = said
            }
            return [.reload(.all)]
        case .show(let screen):
            state.push(screen)
            return []
        case let .ask(question, requests):
            state.overlay = .confirm(question: question, requests: requests)
            return []
        case .notice(let text):
            state.notice = text
            return []
        case .handoffArrived(let report):
            // Point passed to this engineer while the screen was open: the bell once, the
            // report as soon as the screen is plain (see `update`).
            state.pendingHandoff = report
            return [.ring]
        case .handoffNoteSaved:
            state.handoffNoteLeft = state.pointLeavesViewerAt
            state.notice = "note saved for the next handoff"
            return []
        case .alerts(let records):
            return alertsLoaded(records, state: &state)
        case .metricsComputed(let figures):
            return metricsComputed(figures, state: &state)
        case let .storeUnreachable(at, reason):
            return storeUnreachable(at: at, reason: reason, state: &state)
        case .storeBack(let at):
            return storeBack(at: at, state: &state)
        }
    }

    /// What the footer says when a write is done: the event, why nothing changed, or who won.
    static func text(of outcome: WriteOutcome, request: OwnershipRequest, now: Date) -> String? {
        switch outcome {
        case .done(let result?):
            return result.event.map { "#\(request.conversation) \($0.kind): \($0.detail)" } ?? result.unchangedText
        case .done(nil):
            return request.doneText
        case .conflict(let conflict):
            return "#\(conflict.conversation): " + conflict.text(now: now, howToTake: "T takes it over")
        case .failed(let message):
            return "#\(request.conversation): \(message)"
        }
    }

    // MARK: keys

    static func key(_ key: Key, state: inout AppState, layout: Layout) -> [Effect] {
        state.notice = nil
        if key == .resize { return [.redraw, .reload(.all)] }
        if let overlay = state.overlay { return overlayKey(key, overlay, state: &state, layout: layout) }
        // A key this screen does not bind rings, as in mutt, rather than doing nothing silently.
        guard let command = Bindings.command(for: key, in: state.scope, views: state.views) else { return [.ring] }
        return run(command, state: &state, layout: layout)
    }

    /// Carries out a command on the screen on top, from a key or the `:` line.
    static func run(_ command: Command, argument: String? = nil, state: inout AppState, layout: Layout) -> [Effect] {
        if case .metrics(let metrics) = state.screen, let effects = metricsCommand(command, metrics, state: &state, layout: layout) { return effects }
        if let refused = refusedWhileAway(command, state: &state) { return refused }
        switch command {
        case .down, .up, .pageDown, .pageUp, .first, .last:
            return move(command, state: &state, layout: layout)
        case .open:
            return open(state: &state, layout: layout)
        case .back:
            return back(state: &state)
        case .quit, .quitAll:
            return [.quit]
        case .filter:
            // `/` on a kept filter edits it, the cursor at its end.
            state.overlay = .line(LineEditor(.filter, text: state.queue.filter))
            return []
        case .commandLine:
            state.overlay = .line(LineEditor(.command))
            return []
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .refresh:
            _ = state.queue.scrollToSelection(visible: layout.queueRows)
            return [.redraw, .reload(.all)]
        case .rotation:
            return [.load(.rotation)]
        case .handoff:
            return [.load(.handoff)]
        case .metrics:
            return openMetrics(state: &state)
        case .period, .grouping, .earlier, .later:
            return []
        case .handoffNote:
            // Someone not on the roster hears it now, not after typing the note.
            guard state.ownership.me != nil else {
                state.notice = state.ownership.readerReason
                return []
            }
            state.overlay = .line(LineEditor(.handoffNote))
            return []
        case .mark:
            guard let row = state.queue.selectedRow else { return [] }
            if state.queue.marks.removeValue(forKey: row.id) == nil { state.queue.marks[row.id] = row.version }
            return move(.down, state: &state, layout: layout)
        case .view(let index):
            guard state.views.indices.contains(index) else { return [] }
            state.queue.view = index
            state.queue.top = 0
            state.queue.selected = 0
            return [.reload(.window)]
        case .nextRelated:
            state.updateConversation { open in
                guard !open.related.isEmpty else { return }
                open.chosen = open.chosen.map { ($0 + 1) % (open.related.count + 1) } ?? 0
                if open.chosen == open.related.count { open.chosen = nil }
            }
            return []
        case .claim, .take, .assign, .ropeIn, .release, .status, .reply, .note, .tags:
            return team(command, argument: argument, state: &state)
        case .acknowledge:
            return acknowledge(state: &state)
        case .retryReplies:
            return retryReplies(state: &state)
        }
    }

    /// j/k, pages and ends: one rule for the queue's selection and every scrolled screen.
    static func move(_ command: Command, state: inout AppState, layout: Layout) -> [Effect] {
        if let moved = moveWhileAway(command, state: &state) { return moved }
        switch state.screen {
        case .queue:
            let page = layout.queueRows
            guard let target = Paging.target(command, from: state.queue.selected, last: state.queue.total - 1, page: page) else { return [] }
            return state.queue.select(target, visible: page) ? [.reload(.window)] : []
        case .conversation(var open):
            let lines = ConversationView.lineCount(open, width: layout.width, zone: state.zone, now: state.now)
            let page = layout.threadRows
            open.scroll = Paging.target(command, from: open.scroll, last: max(0, lines - page), page: page) ?? open.scroll
            state.screen = .conversation(open)
        case .rotation(var rotation):
            let page = RotationView.listRows(rotation, height: layout.height)
            let lines = RotationView.listLines(rotation, zone: state.zone).count
            rotation.scroll = Paging.target(command, from: rotation.scroll, last: max(0, lines - page), page: page) ?? rotation.scroll
            state.screen = .rotation(rotation)
        case .handoff(var handoff):
            let page = HandoffView.rows(height: layout.height)
            handoff.scroll = Paging.target(command, from: handoff.scroll, last: max(0, handoff.lines.count - page), page: page) ?? handoff.scroll
            state.screen = .handoff(handoff)
        case .metrics:
            break  // Update+Metrics moves its own lines
        }
        return []
    }

    static func open(state: inout AppState, layout: Layout) -> [Effect] {
        switch state.screen {
        case .queue:
            guard let row = state.queue.selectedRow else { return [] }
            return [.load(.conversation(row.id))]
        case .conversation(let open):
            // Enter opens the other conversation Tab chose; otherwise it reads on, as in a pager.
            if let chosen = open.chosen, open.related.indices.contains(chosen) { return [.load(.conversation(open.related[chosen].id))] }
            return move(.down, state: &state, layout: layout)
        default:
            return []
        }
    }

    static func back(state: inout AppState) -> [Effect] {
        guard state.screen == .queue else {
            state.pop()
            return []
        }
        if !state.queue.marks.isEmpty {
            state.queue.marks = [:]
            return []
        }
        guard !state.queue.filter.isEmpty else { return [] }
        return setFilter("", state: &state)
    }

    static func setFilter(_ text: String, state: inout AppState) -> [Effect] {
        state.queue.filter = text
        state.queue.top = 0
        state.queue.selected = 0
        return [.reload(.window)]
    }

    // MARK: the team's actions

    /// The row an action on this screen is aimed at: the open conversation, or the queue's selection.
    static func aimedRow(_ state: AppState) -> QueueRow? {
        if case .conversation(let open) = state.screen { return open.detail.row }
        return state.queue.selectedRow
    }

    /// Claim, take, assign, rope in, release, status, reply, note and tags: on the marked
    /// rows when the queue has marks, else on the selected row or open conversation.
    static func team(_ command: Command, argument: String?, state: inout AppState) -> [Effect] {
        guard let row = aimedRow(state) else { return [] }
        guard let me = state.ownership.me else {
            state.notice = state.ownership.readerReason
            return []
        }
        let onQueue = state.screen == .queue
        let targets = onQueue ? state.queue.targets : [Target(id: row.id, version: row.version)]
        let argument = argument?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        func writes(_ request: (Target) -> OwnershipRequest) -> [Effect] {
            if onQueue { state.queue.marks = [:] }
            return batch(targets.map(request), state: &state)
        }
        switch command {
        case .claim:
            return writes { .claim($0.id) }
        case .release:
            return writes { .release($0.id, version: $0.version) }
        case .take:
            guard row.ownerID != me else {
                state.notice = "#\(row.id) is already yours"
                return []
            }
            let from = row.ownerID.map { " from \($0)" } ?? ""
            state.overlay = .confirm(question: "Take #\(row.id)\(from)? y/n", requests: [.take(row.id, version: row.version)])
        case .assign, .ropeIn:
            let purpose: Picker.Purpose = command == .assign ? .assign : .ropeIn
            if let argument {
                guard state.ownership.engineerIDs.contains(argument) else {
                    state.notice = "\(argument) is not on the roster; Tab completes names"
                    return []
                }
                return writes { purpose == .assign ? .assign($0.id, to: argument, version: $0.version) : .ropeIn($0.id, engineer: argument) }
            }
            state.overlay = .picker(engineerPicker(purpose, row: row, targets: targets, state: state))
        case .status:
            if let argument {
                guard let status = ConversationStatus(words: argument) else {
                    state.notice = "no status \(argument); say " + ConversationStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    return []
                }
                return writes { .status($0.id, status, version: $0.version) }
            }
            let options = ConversationStatus.allCases.map { status in
                Picker.Option(value: status.rawValue, label: status == .pending ? "pending on customer" : status.words, note: status == row.status ? "now" : "")
            }
            state.overlay = .picker(Picker(purpose: .status, targets: targets, options: options,
                                           selected: ConversationStatus.allCases.firstIndex(of: row.status) ?? 0))
        case .tags:
            if let argument {
                do {
                    let (add, remove) = try TagInput.parse(line: argument)
                    return writes { .tag($0.id, add: add, remove: remove) }
                } catch {
                    state.notice = "\(error)"
                    return []
                }
            }
            state.overlay = .line(LineEditor(.tags(targets)))
        case .reply:
            let present = state.ownership.presence[row.id] ?? []
            if present.contains(where: { $0.activity == .replying && $0.engineer != me }) {
                let who = Presence.summary(present.filter { $0.activity == .replying })
                state.overlay = .confirm(question: "\(who) to #\(row.id). Reply anyway? y/n", requests: [.reply(row.id)])
                return []
            }
            return [.compose(.reply, row.id)]
        case .note:
            return [.compose(.note, row.id)]
        default:
            break
        }
        return []
    }

    /// The writes for one action, on one conversation or several: the footer says it is
    /// under way, and for several, later, how all of them went (see `Batch`).
    static func batch(_ requests: [OwnershipRequest], state: inout AppState) -> [Effect] {
        guard let first = requests.first else { return [] }
        if requests.count == 1 {
            state.notice = "#\(first.conversation): \(first.verb)…"
        } else {
            let verb = first.verb.split(separator: " ").first.map(String.init) ?? first.verb
            state.batch = Batch(verb: "\(verb) \(requests.count) marked", total: requests.count)
            state.notice = "\(verb) \(requests.count) marked…"
        }
        return requests.map { .write($0) }
    }

    /// The roster with who is on shift now first, the engineer holding point at the top.
    static func engineerPicker(_ purpose: Picker.Purpose, row: QueueRow, targets: [Target], state: AppState) -> Picker {
        let shift = state.point?.current
        func rank(_ entry: RosterEntry) -> Int { entry.id == shift?.engineer ? 0 : (entry.region == shift?.region ? 1 : 2) }
        // Rope in offers only those not in it already.
        let single = targets.count == 1
        let entries = state.ownership.roster.filter { purpose == .assign || !single || ($0.id != row.ownerID && !row.collaborators.contains($0.id)) }
        let options = entries.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map { _, entry in
            var notes: [String] = []
            if single, entry.id == row.ownerID { notes.append("owner") }
            if single, row.collaborators.contains(entry.id) { notes.append("roped in") }
            switch rank(entry) {
            case 0: notes.append("point")
            case 1: notes.append("on shift")
            default: notes.append(state.regionNames[entry.region] ?? entry.region)
            }
            return Picker.Option(value: entry.id, label: entry.name == entry.id ? entry.id : "\(entry.name) (\(entry.id))", note: notes.joined(separator: " · "))
        }
        return Picker(purpose: purpose, targets: targets, options: options)
    }

    /// The effect of a request confirmed with y: the editor for a reply, a write otherwise.
    static func effect(of request: OwnershipRequest) -> Effect {
        switch request {
        case .reply(let id): return .compose(.reply, id)
        case .note(let id): return .compose(.note, id)
        default: return .write(request)
        }
    }

    // MARK: overlays

    static func overlayKey(_ key: Key, _ overlay: Overlay, state: inout AppState, layout: Layout) -> [Effect] {
        switch overlay {
        case .help(let scroll):
            // On a screen too short for every key, the moving keys scroll the help; any other key closes it.
            let rows = HelpView.rows(height: layout.height, count: HelpView.lines(state).count)
            let last = max(0, HelpView.lines(state).count - rows)
            if last > 0, let command = Bindings.moving.first(where: { $0.keys.contains(key) })?.command,
               let target = Paging.target(command, from: scroll, last: last, page: rows) {
                state.overlay = .help(scroll: target)
            } else {
                state.overlay = nil
            }
            return []
        case .confirm(_, let requests):
            state.overlay = nil
            if key == .character("y") || key == .character("Y") { return requests.map(effect(of:)) }
            if requests.contains(where: { if case .queueReply = $0 { return true } else { return false } }) {
                state.notice = "not sent; your reply is kept as a draft and R opens it again"
            } else {
                state.notice = "nothing changed"
            }
            return []
        case .picker(var picker):
            switch key {
            case .character("j"), .down, .control("n"), .tab:
                picker.selected = min(picker.options.count - 1, picker.selected + 1)
            case .character("k"), .up, .control("p"):
                picker.selected = max(0, picker.selected - 1)
            case .escape, .character("q"):
                state.overlay = nil
                return []
            case .enter:
                state.overlay = nil
                guard picker.options.indices.contains(picker.selected) else { return [] }
                return picked(picker, value: picker.options[picker.selected].value, state: &state)
            default:
                break
            }
            state.overlay = .picker(picker)
            return []
        case .line(var editor):
            return lineKey(key, editor: &editor, state: &state, layout: layout)
        }
    }

    static func picked(_ picker: Picker, value: String, state: inout AppState) -> [Effect] {
        if state.screen == .queue { state.queue.marks = [:] }
        return batch(picker.targets.compactMap { target -> OwnershipRequest? in
            switch picker.purpose {
            case .assign: return .assign(target.id, to: value, version: target.version)
            case .ropeIn: return .ropeIn(target.id, engineer: value)
            case .status: return ConversationStatus(rawValue: value).map { .status(target.id, $0, version: target.version) }
            }
        }, state: &state)
    }

    static func lineKey(_ key: Key, editor: inout LineEditor, state: inout AppState, layout: Layout) -> [Effect] {
        switch key {
        case .escape:
            state.overlay = nil
            // Esc on the filter clears it, as it always did; elsewhere it drops what was typed.
            return editor.purpose == .filter ? setFilter("", state: &state) : []
        case .enter:
            state.overlay = nil
            return submit(editor, state: &state, layout: layout)
        case .tab where editor.purpose == .command:
            if !editor.complete({ CommandPrompt.completions(for: $0, state: state) }) { state.notice = "nothing completes “\(editor.text)”" }
            state.overlay = .line(editor)
            return []
        default:
            let before = editor.text
            guard editor.edit(key) else { return [] }
            state.overlay = .line(editor)
            // The filter applies as it is typed.
            if editor.purpose == .filter, editor.text != before { return setFilter(editor.text, state: &state) }
            return []
        }
    }

    static func submit(_ editor: LineEditor, state: inout AppState, layout: Layout) -> [Effect] {
        let text = editor.text.trimmingCharacters(in: .whitespaces)
        switch editor.purpose {
        case .filter:
            return []
        case .handoffNote:
            return text.isEmpty ? [] : [.saveHandoffNote(text)]
        case .tags(let targets):
            do {
                let (add, remove) = try TagInput.parse(line: text)
                if state.screen == .queue { state.queue.marks = [:] }
                return batch(targets.map { .tag($0.id, add: add, remove: remove) }, state: &state)
            } catch {
                state.notice = "\(error)"
                state.overlay = .line(editor)  // keep what was typed, to mend it
                return []
            }
        case .command:
            return CommandPrompt.run(text, state: &state, layout: layout)
        }
    }
}

/// The one j/k/paging rule: where a command moves a position in 0...last, a page at a time.
enum Paging {
    static func target(_ command: Command, from current: Int, last: Int, page: Int) -> Int? {
        let target: Int
        switch command {
        case .down: target = current + 1
        case .up: target = current - 1
        case .pageDown: target = current + page
        case .pageUp: target = current - page
        case .first: target = 0
        case .last: target = last
        default: return nil
        }
        return max(0, min(target, last))
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension ConversationStatus {
    /// A status as typed: `pending`, `on_hold`, `on hold`, `on-hold`.
    init?(words: String) {
        let typed = words.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: typed)
    }
}
