import BatonCore
import XCTest

/// `TerminalText.line`, the one function every stderr and stdout line of baton passes
/// through, with generated hostile strings: nothing a terminal acts on survives it.
final class TerminalLineTests: XCTestCase {
    /// What a terminal acts on: C0 (but nothing here keeps tab or newline either), DEL,
    /// C1, and the bidi controls that reorder what follows.
    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static let pieces: [String] = [
        "\u{1B}[2J", "\u{1B}]0;pwned\u{07}", "\u{9B}31m", "\u{9D}8;;http://evil\u{9C}", "\u{202E}gnp.exe", "\u{2066}", "\u{200F}",
        "\r", "\n", "\t", "\u{7F}", "\u{85}", "\u{2028}", "e\u{301}", "\u{301}", "👩‍💻", "中文", "plain ", "=?utf-8?q?x?=", "\u{0}",
    ]

    func testGeneratedHostileStringsComeOutWithNothingATerminalActsOn() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let line = TerminalText.line(text)
            XCTAssertFalse(line.unicodeScalars.contains(where: Self.isDangerous), "\(Array(text.unicodeScalars)) → \(Array(line.unicodeScalars))")
        }
    }

    func testControlsAreShownNotDropped() {
        XCTAssertEqual(TerminalText.line("From: \u{1B}[31mEvil\u{9B}0m"), "From: ^[[31mEvil\\x9B0m")
        XCTAssertEqual(TerminalText.line("a\nb\tc"), "a b c")
        XCTAssertEqual(TerminalText.line("plain text stays"), "plain text stays")
    }
}
