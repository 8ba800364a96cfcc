/// Splits a configured command line (`[email] sendmail`, the SLA alerts' `notify_command`)
/// into the program and its arguments, so it runs without a shell: no variables, globs,
/// pipes or redirections are expanded, whatever the text holds.
///
/// The one rule, a subset of the POSIX shell's quoting: words are separated by unquoted
/// spaces or tabs; inside single quotes every character is literal; inside double quotes
/// a backslash escapes only `"` and `\`; outside quotes a backslash makes the next
/// character literal. `$`, `*`, `|`, `;`, `>` and `~` are ordinary characters.
public enum CommandWords {
    public struct SplitError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The words of `line`, the program first. Throws `SplitError` for an unclosed quote,
    /// a trailing backslash, or a line with no words.
    public static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    current.append(next)
                }
                guard closed else { throw SplitError(description: "a single quote is not closed in: \(line)") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if escaped != "\"" && escaped != "\\" { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                guard closed else { throw SplitError(description: "a double quote is not closed in: \(line)") }
            case "\\":
                guard let escaped = iterator.next() else { throw SplitError(description: "a backslash ends the line: \(line)") }
                inWord = true
                current.append(escaped)
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { throw SplitError(description: "no program named") }
        return words
    }
}
