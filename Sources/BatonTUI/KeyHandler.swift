import Foundation

/// Keys as state transitions, in the habits of mutt, tig and htop.
public enum KeyHandler {
    public static func handle(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        state.notice = nil
        if key == .resize { return .refresh }
        if state.showHelp { return helpKey(key, state: &state, layout: layout) }
        if state.handoff?.editingNote == true { return editNote(key, state: &state) }
        if state.ownership.prompt != nil { return OwnershipKeys.prompt(key, state: &state) }
        if state.queue.editingFilter && state.handoff == nil && state.rotation == nil { return editFilter(key, state: &state) }
        if key == .character("?") { state.showHelp = true; return .none }
        if key == .control("l") || key == .character("r") { return .refresh }
        if key == .character("Q") { return .quit }
        if state.handoff != nil { return handoffKey(key, state: &state, layout: layout) }
        if key == .character("H") { return .openHandoff }
        if state.rotation != nil { return rotationKey(key, state: &state, layout: layout) }
        if key == .character("o") { return .openRotation }
        if state.conversation != nil { return conversationKey(key, state: &state, layout: layout) }
        return queueKey(key, state: &state, layout: layout)
    }

    /// On a screen too short for every key, the moving keys scroll the help. Any other
    /// key closes it; q there closes only the help.
    static func helpKey(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        let rows = HelpView.rows(height: layout.height)
        let last = max(0, HelpView.keys.count - rows)
        let step: Int?
        switch key {
        case .character("j"), .down: step = 1
        case .character("k"), .up: step = -1
        case .character(" "), .pageDown: step = rows
        case .character("b"), .pageUp: step = -rows
        default: step = nil
        }
        if let step, last > 0 {
            state.helpScroll = min(last, max(0, state.helpScroll + step))
            return .none
        }
        state.showHelp = false
        state.helpScroll = 0
        return .none
    }

    static func queueKey(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        let page = layout.queueRows
        func moved(_ changed: Bool) -> Action { changed ? .reloadQueue : .none }
        switch key {
        case .character("j"), .down, .control("n"):
            return moved(state.queue.move(by: 1, visible: page))
        case .character("k"), .up, .control("p"):
            return moved(state.queue.move(by: -1, visible: page))
        case .pageDown, .character(" "), .control("f"), .control("d"):
            return moved(state.queue.move(by: page, visible: page))
        case .pageUp, .character("b"), .control("b"), .control("u"):
            return moved(state.queue.move(by: -page, visible: page))
        case .character("g"), .home:
            return moved(state.queue.select(0, visible: page))
        case .character("G"), .end:
            return moved(state.queue.select(state.queue.total - 1, visible: page))
        case .enter, .character("l"), .right:
            guard let row = state.queue.selectedRow else { return .none }
            return .openConversation(row.id)
        case .character("/"):
            state.queue.editingFilter = true
            return .none
        case .escape:
            guard !state.queue.filter.isEmpty else { return .none }
            return clearFilter(state: &state)
        case .character("q"):
            return .quit
        default:
            return OwnershipKeys.key(key, row: state.queue.selectedRow, state: &state) ?? .none
        }
    }

    static func editFilter(_ key: Key, state: inout AppState) -> Action {
        switch key {
        case .enter:
            state.queue.editingFilter = false
            return .none
        case .escape:
            state.queue.editingFilter = false
            return clearFilter(state: &state)
        case .backspace:
            guard !state.queue.filter.isEmpty else { return .none }
            state.queue.filter.removeLast()
        case .control("u"):
            state.queue.filter = ""
        case .character(let character):
            state.queue.filter.append(character)
        default:
            return .none
        }
        state.queue.top = 0
        state.queue.selected = 0
        return .reloadQueue
    }

    static func clearFilter(state: inout AppState) -> Action {
        state.queue.filter = ""
        state.queue.top = 0
        state.queue.selected = 0
        return .reloadQueue
    }

    static func conversationKey(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        guard var conversation = state.conversation else { return .none }
        let lines = ConversationView.threadLines(conversation.detail, width: layout.width, zone: state.zone, now: state.now).count
        let page = layout.threadRows
        let bottom = max(0, lines - page)
        switch key {
        case .character("j"), .down, .control("n"), .enter:
            conversation.scroll += 1
        case .character("k"), .up, .control("p"):
            conversation.scroll -= 1
        case .pageDown, .character(" "), .control("f"), .control("d"):
            conversation.scroll += page
        case .pageUp, .character("b"), .control("b"), .control("u"):
            conversation.scroll -= page
        case .character("g"), .home:
            conversation.scroll = 0
        case .character("G"), .end:
            conversation.scroll = bottom
        case .escape, .character("q"), .character("h"), .left, .backspace:
            state.conversation = nil
            return .reloadQueue
        default:
            return OwnershipKeys.key(key, row: conversation.detail.row, state: &state) ?? .none
        }
        conversation.scroll = max(0, min(conversation.scroll, bottom))
        state.conversation = conversation
        return .none
    }

    /// Scrolls a list of `lines` shown `page` at a time; nil for keys that are not scrolling.
    static func scrolled(_ scroll: Int, by key: Key, lines: Int, page: Int) -> Int? {
        let bottom = max(0, lines - page)
        var scroll = scroll
        switch key {
        case .character("j"), .down, .control("n"): scroll += 1
        case .character("k"), .up, .control("p"): scroll -= 1
        case .pageDown, .character(" "), .control("f"), .control("d"): scroll += page
        case .pageUp, .character("b"), .control("b"), .control("u"): scroll -= page
        case .character("g"), .home: scroll = 0
        case .character("G"), .end: scroll = bottom
        default: return nil
        }
        return max(0, min(scroll, bottom))
    }

    static func isBack(_ key: Key) -> Bool {
        [.escape, .character("q"), .character("h"), .left, .backspace].contains(key)
    }

    static func rotationKey(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        guard var rotation = state.rotation else { return .none }
        if isBack(key) {
            state.rotation = nil
            return .reloadQueue
        }
        let lines = RotationView.listLines(rotation, zone: state.zone).count
        guard let scroll = scrolled(rotation.scroll, by: key, lines: lines, page: RotationView.listRows(rotation, height: layout.height)) else { return .none }
        rotation.scroll = scroll
        state.rotation = rotation
        return .none
    }

    static func handoffKey(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        guard var handoff = state.handoff else { return .none }
        if isBack(key) {
            state.handoff = nil
            return .reloadQueue
        }
        if key == .character("n") {
            // Someone not on the roster hears it now, not after typing the note.
            guard state.ownership.me != nil else {
                state.notice = state.ownership.readerReason
                return .none
            }
            handoff.editingNote = true
            state.handoff = handoff
            return .none
        }
        guard let scroll = scrolled(handoff.scroll, by: key, lines: handoff.lines.count, page: HandoffView.rows(height: layout.height)) else { return .none }
        handoff.scroll = scroll
        state.handoff = handoff
        return .none
    }

    static func editNote(_ key: Key, state: inout AppState) -> Action {
        guard var handoff = state.handoff else { return .none }
        defer { state.handoff = handoff }
        switch key {
        case .enter:
            handoff.editingNote = false
            let note = handoff.note.trimmingCharacters(in: .whitespaces)
            handoff.note = ""
            return note.isEmpty ? .none : .saveHandoffNote(note)
        case .escape:
            handoff.editingNote = false
            handoff.note = ""
        case .backspace:
            if !handoff.note.isEmpty { handoff.note.removeLast() }
        case .control("u"):
            handoff.note = ""
        case .character(let character):
            handoff.note.append(character)
        default:
            break
        }
        return .none
    }
}
