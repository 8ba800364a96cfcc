import BatonCore

/// The team's keys, on the queue's selected row or the open conversation:
/// c claim · T take (asks first) · a assign · e rope in · u release · s status ·
/// R reply (asks first when someone else is replying) · n internal note · t tags.
enum OwnershipKeys {
    /// A key of ours on `row`, or nil when the key is not one of ours.
    static func key(_ key: Key, row: QueueRow?, state: inout AppState) -> Action? {
        guard case .character(let character) = key, "cTaeusRnt".contains(character) else { return nil }
        guard let row else { return Action.none }
        guard let me = state.ownership.me else {
            state.notice = state.ownership.readerReason
            return Action.none
        }
        switch character {
        case "c":
            return .ownership(.claim(row.id))
        case "T":
            guard row.ownerID != me else {
                state.notice = "#\(row.id) is already yours"
                return Action.none
            }
            let from = row.ownerID.map { " from \($0)" } ?? ""
            state.ownership.prompt = .confirm(question: "Take #\(row.id)\(from)? y/n", request: .take(row.id, version: row.version))
        case "a":
            state.ownership.prompt = .pick(engineerPicker(.assign, row: row, state: state))
        case "e":
            state.ownership.prompt = .pick(engineerPicker(.ropeIn, row: row, state: state))
        case "u":
            return .ownership(.release(row.id, version: row.version))
        case "s":
            let options = ConversationStatus.allCases.map { status in
                Picker.Option(value: status.rawValue, label: status == .pending ? "pending on customer" : status.words, note: status == row.status ? "now" : "")
            }
            state.ownership.prompt = .pick(Picker(purpose: .status, conversation: row.id, version: row.version, options: options,
                                                  selected: ConversationStatus.allCases.firstIndex(of: row.status) ?? 0))
        case "R":
            let replying = (state.ownership.presence[row.id] ?? []).filter { $0.activity == .replying && $0.engineer != me }.map(\.engineer)
            guard replying.isEmpty else {
                let who = Presence.summary((state.ownership.presence[row.id] ?? []).filter { $0.activity == .replying })
                state.ownership.prompt = .confirm(question: "\(who) to #\(row.id). Reply anyway? y/n", request: .reply(row.id))
                return Action.none
            }
            return .ownership(.reply(row.id))
        case "n":
            return .ownership(.note(row.id))
        case "t":
            state.ownership.prompt = .tags(conversation: row.id, text: "")
        default:
            return nil
        }
        return Action.none
    }

    /// The roster with who is on shift now first, the engineer holding point at the top.
    static func engineerPicker(_ purpose: Picker.Purpose, row: QueueRow, state: AppState) -> Picker {
        let shift = state.point?.current
        func rank(_ entry: RosterEntry) -> Int { entry.id == shift?.engineer ? 0 : (entry.region == shift?.region ? 1 : 2) }
        // Rope in offers only those not in it already.
        let entries = state.ownership.roster.filter { purpose == .assign || ($0.id != row.ownerID && !row.collaborators.contains($0.id)) }
        let options = entries.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map { _, entry in
            var notes: [String] = []
            if entry.id == row.ownerID { notes.append("owner") }
            if row.collaborators.contains(entry.id) { notes.append("roped in") }
            switch rank(entry) {
            case 0: notes.append("point")
            case 1: notes.append("on shift")
            default: notes.append(state.regionNames[entry.region] ?? entry.region)
            }
            return Picker.Option(value: entry.id, label: entry.name == entry.id ? entry.id : "\(entry.name) (\(entry.id))", note: notes.joined(separator: " · "))
        }
        return Picker(purpose: purpose, conversation: row.id, version: row.version, options: options)
    }

    /// Keys while a picker or a question is on screen.
    static func prompt(_ key: Key, state: inout AppState) -> Action {
        guard let prompt = state.ownership.prompt else { return .none }
        switch prompt {
        case .tags(let id, var text):
            switch key {
            case .escape:
                state.ownership.prompt = nil
                return .none
            case .enter:
                do {
                    let (add, remove) = try TagInput.parse(line: text)
                    state.ownership.prompt = nil
                    return .ownership(.tag(id, add: add, remove: remove))
                } catch {
                    state.notice = "\(error)"
                    return .none
                }
            case .backspace:
                if !text.isEmpty { text.removeLast() }
            case .control("u"):
                text = ""
            case .character(let character):
                text.append(character)
            default:
                break
            }
            state.ownership.prompt = .tags(conversation: id, text: text)
            return .none
        case .confirm(_, let request):
            state.ownership.prompt = nil
            if key == .character("y") || key == .character("Y") { return .ownership(request) }
            if case .queueReply = request {
                state.notice = "not sent; your reply is kept as a draft and R opens it again"
                return .none
            }
            state.notice = "nothing changed"
            return .none
        case .pick(var picker):
            switch key {
            case .character("j"), .down, .control("n"), .tab:
                picker.selected = min(picker.options.count - 1, picker.selected + 1)
            case .character("k"), .up, .control("p"):
                picker.selected = max(0, picker.selected - 1)
            case .escape, .character("q"):
                state.ownership.prompt = nil
                return .none
            case .enter:
                state.ownership.prompt = nil
                guard picker.options.indices.contains(picker.selected) else { return .none }
                let value = picker.options[picker.selected].value
                switch picker.purpose {
                case .assign: return .ownership(.assign(picker.conversation, to: value, version: picker.version))
                case .ropeIn: return .ownership(.ropeIn(picker.conversation, engineer: value))
                case .status:
                    guard let status = ConversationStatus(rawValue: value) else { return .none }
                    return .ownership(.status(picker.conversation, status, version: picker.version))
                }
            default:
                break
            }
            state.ownership.prompt = .pick(picker)
            return .none
        }
    }
}
