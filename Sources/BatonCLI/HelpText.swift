import Foundation

/// `--help` as a narrow terminal can show it. ArgumentParser wraps the prose at word
/// boundaries but prints the USAGE line whole, so a terminal narrower than it cut it
/// mid-word (`--r` / `eplaces`); this wraps it between its arguments, each bracketed group
/// kept whole, continued under the first argument.
enum HelpText {
    /// The help text with its USAGE paragraph wrapped to `width` columns.
    static func wrappingUsage(_ help: String, width: Int) -> String {
        var lines = help.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix("USAGE: ") }), lines[index].count > width else { return help }
        let words = arguments(String(lines[index].dropFirst("USAGE: ".count)))
        // Continue under the subcommand's first argument: "USAGE: baton override add ".
        let commandWords = words.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }
        var indent = "USAGE: ".count + commandWords.map { $0.count + 1 }.reduce(0, +)
        // Under "USAGE: " instead when that is too far in for the longest argument.
        if indent > width / 2 || indent + (words.map(\.count).max() ?? 0) > width { indent = "USAGE: ".count }
        var wrapped: [String] = []
        var line = "USAGE:"
        for word in words {
            if line.count + 1 + word.count > width && line.count > indent {
                wrapped.append(line)
                line = String(repeating: " ", count: indent - 1)
            }
            line += " " + word
        }
        wrapped.append(line)
        lines.replaceSubrange(index...index, with: wrapped)
        return lines.joined(separator: "\n")
    }

    /// Splits a usage line at the spaces outside brackets: "[--from <from>]" is one argument, and so is "--to <to>".
    static func arguments(_ usage: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in usage {
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth = max(0, depth - 1) }
            if character == " " && depth == 0 {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        // An option and its value stay together: "--from <from>".
        var joined: [String] = []
        for word in result {
            if word.hasPrefix("<"), let last = joined.last, last.hasPrefix("-") { joined[joined.count - 1] += " " + word } else { joined.append(word) }
        }
        return joined
    }

    /// The width ArgumentParser wraps to: $COLUMNS, else the terminal's, else 80.
    static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
