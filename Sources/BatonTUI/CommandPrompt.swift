import BatonCore

/// The `:` command line, as in vi and k9s: `:42` or `:#42` opens a conversation, a
/// command's name runs it (`:claim`, `:assign dave`, `:status pending`, `:tag +billing`,
/// `:q`), on the marked rows or the selected one. Names come from the binding tables, so a
/// command has one name on keys, in help and here.
enum CommandPrompt {
    /// The commands the line knows, by name, on the screen on top.
    static func commands(_ state: AppState) -> [(name: String, command: Command)] {
        var seen = Set<String>()
        let bound = Bindings.all(state.scope, views: state.views).map(\.command)
        return (bound + [.quit, .quitAll]).compactMap { command in
            guard let name = command.name, seen.insert(name).inserted else { return nil }
            return (name, command)
        }
    }

    static func run(_ text: String, state: inout AppState, layout: Layout) -> [Effect] {
        guard !text.isEmpty else { return [] }
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if let id = Int64(digits), id > 0 { return [.load(.conversation(id))] }
        let word = String(text.prefix { $0 != " " })
        let argument = String(text.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
        if word.lowercased() == "view" {
            // `:view mine`: any view by name, saved views without a key of their own too.
            guard let index = state.views.firstIndex(where: { $0.name.lowercased() == argument.lowercased() }) else {
                state.notice = "no view “\(argument)”; there are " + state.views.map(\.name).joined(separator: ", ")
                return []
            }
            state.screen = .queue
            state.behind = []
            return Update.run(.view(index), state: &state, layout: layout)
        }
        guard let command = commands(state).first(where: { $0.name == word.lowercased() })?.command else {
            state.notice = "no command :\(word); Tab completes, ? lists the keys"
            return []
        }
        return Update.run(command, argument: argument.isEmpty ? nil : argument, state: &state, layout: layout)
    }

    /// What Tab may put in place of the last word of `text`: a command's name, then an
    /// engineer for assign and rope in, a status for status.
    static func completions(for text: String, state: AppState) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        if words.count <= 1 {
            return (commands(state).map(\.name) + ["view"]).filter { $0.hasPrefix(last.lowercased()) && $0 != "q" }.sorted()
        }
        let choices: [String]
        switch words[0].lowercased() {
        case "assign", "ropein": choices = state.ownership.roster.map(\.id)
        case "status": choices = ConversationStatus.allCases.map(\.rawValue)
        case "view": choices = state.views.map(\.name).filter { !$0.contains(" ") }
        default: choices = []
        }
        return choices.filter { $0.hasPrefix(last) }
    }
}
