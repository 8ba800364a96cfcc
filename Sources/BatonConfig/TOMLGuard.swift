/// What toml++ (inside TOMLKit) must not be handed. A table header whose name starts with a
/// character outside ASCII (`[é]`, `[[ é ]]`) trips an assertion in its parser and kills
/// the process (found by `make fuzz`, kept in Fuzz/crashes/config); TOML 1.0 allows only
/// ASCII letters, digits, `-` and `_` in a bare key, so such a header is refused in words.
enum TOMLGuard {
    /// Throws `ConfigError` naming the line of the first such table header.
    static func check(_ text: String, file: String) throws {
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            var rest = raw.unicodeScalars.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            if let first = rest.first, !first.isASCII {
                throw ConfigError(file: file, key: "", message: "line \(line): a table name starts with \"\(first.escaped(asASCII: true))\"; "
                                  + "bare names are ASCII letters, digits, - and _ (TOML 1.0); quote any other")
            }
        }
    }
}
