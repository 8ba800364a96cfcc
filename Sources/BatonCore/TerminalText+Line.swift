import Foundation

extension TerminalText {
    /// One line as a terminal may print it, for every message baton writes to stderr or
    /// stdout outside the screen: controls in caret or `\x` notation (ESC is `^[`, CSI is
    /// `\x9B`), bidi overrides and other invisible format characters dropped, line breaks
    /// and tabs as spaces. Linear in the text. The same rules as the screen (`glyphs`),
    /// so a From header, a MIME boundary or a channel name reads the same everywhere.
    public static func line(_ text: String) -> String {
        // Printable ASCII needs nothing: most lines are, and skip the grapheme walk.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return glyphs(text).map(\.text).joined()
    }
}
