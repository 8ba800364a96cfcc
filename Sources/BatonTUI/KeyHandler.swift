/// Keys as state transitions, in the habits of mutt, tig and htop.
public enum KeyHandler {
    public static func handle(_ key: Key, state: inout AppState, layout: Layout) -> Action {
        state.notice = nil
        if key == .resize { return .refresh }
        if state.showHelp {
            // Any key closes the help; q there closes only the help.
            state.showHelp = false
            return .none
        }
        if state.ownership.prompt != nil { return OwnershipKeys.prompt(key, state: &state) }
        if state.queue.editingFilter { return editFilter(key, state: &state) }
        if key == .character("?") { state.showHelp = true; return .none }
        if key == .control("l") || key == .character("r") { return .refresh }
        if key == .character("Q") { return .quit }
        if state.conversation != nil { return conversationKey(key, state: &state, layout: layout) }
        return queueKey(key, state: &state, layout: layout)
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
}
