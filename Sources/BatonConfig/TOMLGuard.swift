/// What toml++ (inside TOMLKit) must not be handed. A table header whose name starts with
/// anything but a bare-key character, a quote or `]` (`[é]`, `[[ `x]]`, `[#]`, `[.a]`, a `[`
/// alone on its line) trips an assertion in its parser (toml.hpp, parse_key) and kills the
/// process: found by `make fuzz`, the inputs kept in Fuzz/crashes/config. TOML 1.0 allows
/// only ASCII letters, digits, `-` and `_` in a bare key, so such a header is refused in
/// words, naming its line, before the text reaches TOMLKit.
enum TOMLGuard {
    /// Throws `ConfigError` naming the line of the first such table header.
    static func check(_ text: String, file: String) throws {
        var line = 0
        // Split in scalars: as Characters, "\r\n" is one grapheme and no "\n" would be found.
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            // toml++ skips a byte order mark at the start of the file, and so does this.
            var rest = raw.drop { $0 == " " || $0 == "\t" || (line == 1 && $0 == "\u{FEFF}") }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else {
                throw ConfigError(file: file, key: "", message: "line \(line): a table header without a name")
            }
            if !(isBareKey(first) || first == "\"" || first == "'" || first == "]") {
                throw ConfigError(file: file, key: "", message: "line \(line): a table name starts with \"\(first.escaped(asASCII: true))\"; "
                                  + "bare names are ASCII letters, digits, - and _ (TOML 1.0); quote any other")
            }
        }
    }

    /// Throws `ConfigError` for a `}` where an array's next element should start (`[1, }`,
    /// `[\n}]`): toml++ asserts `!is_value_terminator` there (toml.hpp, parse_value), a
    /// second abort `make fuzz` found. Reads strings and comments past, so a `}` inside
    /// them is text; tracks arrays and inline tables only in value position, so a table
    /// header's `[` is no array.
    static func checkArrays(_ text: String, file: String) throws {
        let scalars = Array(text.unicodeScalars)
        var stack: [Unicode.Scalar] = []
        var inValue = false
        var expectElement = false
        var line = 1
        var index = 0
        func skipString(quote: Unicode.Scalar) {
            let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            index += triple ? 3 : 1
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\n" { line += 1; if !triple { return } }
                if quote == "\"" && scalar == "\\" { index += 2; continue }
                if scalar == quote {
                    if !triple { index += 1; return }
                    if index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote { index += 3; return }
                }
                index += 1
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r":
                index += 1
                continue
            case "\n":
                line += 1
                if stack.isEmpty { inValue = false }
                index += 1
                continue
            case "#":
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
                continue
            default:
                break
            }
            if expectElement && scalar == "}" {
                throw ConfigError(file: file, key: "", message: "line \(line): \"}\" where an array's next value should be")
            }
            expectElement = false
            switch scalar {
            case "\"", "'":
                skipString(quote: scalar)
                continue
            case "=":
                inValue = true
            case "[" where inValue || !stack.isEmpty:
                stack.append("[")
                expectElement = true
            case "[":
                // A table header: its name was checked by `check`; skip to the line's end.
                while index < scalars.count && scalars[index] != "\n" {
                    if scalars[index] == "\"" || scalars[index] == "'" { skipString(quote: scalars[index]) } else { index += 1 }
                }
                continue
            case "{":
                stack.append("{")
            case "]", "}":
                if !stack.isEmpty { stack.removeLast() }
            case ",":
                expectElement = stack.last == "["
            default:
                break
            }
            index += 1
        }
    }

    static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": return true
        default: return false
        }
    }
}
