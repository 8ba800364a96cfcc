import Foundation

/// The desktop notification an `alert = "osc"` screen sends beside the bell: OSC 777
/// `notify` (rxvt-unicode, foot, Ghostty, WezTerm, VTE terminals) and OSC 9 (iTerm2,
/// Windows Terminal, kitty), each ended with BEL. Inside tmux both are wrapped in tmux's
/// DCS passthrough (`ESC P tmux; … ESC \`, every ESC doubled), which tmux forwards only
/// with `set -g allow-passthrough on`.
public enum AlertOSC {
    /// The bytes to write for one alert. `title` and `body` may hold customer text: it is
    /// made safe as on screen (controls become visible stand-ins, so no ESC or BEL ends the
    /// sequence early), and `;`, OSC 777's field separator, becomes `,` in the title.
    public static func sequence(title: String, body: String, insideTmux: Bool) -> String {
        let title = safe(title).replacingOccurrences(of: ";", with: ",")
        let body = safe(body)
        let plain = "\u{1B}]777;notify;\(title);\(body)\u{07}" + "\u{1B}]9;\(title): \(body)\u{07}"
        guard insideTmux else { return plain }
        return "\u{1B}Ptmux;" + plain.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }

    /// Customer text as the screen would show it, on one line, at most 200 characters.
    static func safe(_ text: String) -> String {
        String(TerminalText.glyphs(text).map(\.text).joined().prefix(200))
    }
}
