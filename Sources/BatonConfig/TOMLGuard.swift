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

    static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": return true
        default: return false
        }
    }
}
