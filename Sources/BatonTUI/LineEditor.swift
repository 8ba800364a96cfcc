/// The one line editor: the filter, a tag change, a handoff note and the `:` command line
/// are all typed here, with the same keys (←/→, ^A/^E, ^U, ^W, ⌫; ⏎ done, Esc cancel).
public struct LineEditor: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        /// The queue's `/` filter, applied as it is typed.
        case filter
        /// Tags to add and remove, on these conversations.
        case tags([Target])
        case handoffNote
        /// The `:` command line.
        case command
    }

    public var purpose: Purpose
    public var text: String
    /// The cursor, in characters from the start.
    public var cursor: Int
    /// The text before the last Tab, and which completion it is showing, so Tab cycles.
    public var completing: (base: String, index: Int)? {
        get { completionBase.map { ($0, completionIndex) } }
        set {
            completionBase = newValue?.base
            completionIndex = newValue?.index ?? 0
        }
    }
    private var completionBase: String?
    private var completionIndex = 0

    public init(_ purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
        cursor = text.count
    }

    /// The label before the text, in the footer.
    public var label: String {
        switch purpose {
        case .filter: return "/"
        case .tags(let targets): return "tags of \(Target.names(targets)) (+tag -tag):"
        case .handoffNote: return "note:"
        case .command: return ":"
        }
    }

    /// Applies an editing key; returns false for keys that are not editing (⏎, Esc, Tab).
    public mutating func edit(_ key: Key) -> Bool {
        var characters = Array(text)
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .control("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor...)
        case .control("w"):
            // The word before the cursor, and the spaces after it, as in a shell.
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        text = String(characters)
        completing = nil
        return true
    }

    /// Tab: completes the last word from `candidates` (those that start with it); again
    /// cycles through them. Returns false when nothing matches.
    public mutating func complete(_ candidates: (String) -> [String]) -> Bool {
        let base = completing?.base ?? text
        let matches = candidates(base)
        guard !matches.isEmpty else { return false }
        let index = completing.map { ($0.index + 1) % matches.count } ?? 0
        let prefix = base.lastIndex(of: " ").map { String(base[...$0]) } ?? ""
        // One match, or the common start of several on the first Tab; then each in turn.
        if completing == nil, matches.count > 1 {
            let common = Self.commonPrefix(matches)
            let word = String(base.dropFirst(prefix.count))
            if common.count > word.count {
                text = prefix + common
                cursor = text.count
                return true
            }
        }
        text = prefix + matches[index] + (matches.count == 1 ? " " : "")
        cursor = text.count
        completing = matches.count == 1 ? nil : (base, index)
        return true
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var common = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(common) { common.removeLast() }
        }
        return common
    }
}

/// A conversation an action is aimed at, with the version it was seen at.
public struct Target: Equatable, Hashable, Sendable {
    public var id: Int64
    public var version: Int

    public init(id: Int64, version: Int) {
        self.id = id
        self.version = version
    }

    /// "#12" or "3 marked".
    public static func names(_ targets: [Target]) -> String {
        targets.count == 1 ? "#\(targets[0].id)" : "\(targets.count) marked"
    }
}
