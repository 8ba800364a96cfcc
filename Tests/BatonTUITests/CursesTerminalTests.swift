import BatonConfig
import BatonCore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The ncurses adapter on a real ncurses screen whose output goes to a file.
final class CursesTerminalTests: XCTestCase {
    func makeTerminal(output path: String, color: Bool = true) throws -> CursesTerminal {
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
        let output = fopen(path, "w")!
        let input = fopen("/dev/null", "r")!
        return try CursesTerminal(input: input, output: output, terminalType: "xterm-256color", allowColor: color)
    }

    func testHostileTextNeverReachesTheTerminalRawAndAMoveSendsLittle() throws {
        let path = NSTemporaryDirectory() + "baton-curses-\(UUID().uuidString)"
        defer { unlink(path) }
        let terminal = try makeTerminal(output: path)
        XCTAssertEqual(terminal.width, 80)
        XCTAssertEqual(terminal.height, 24)
        let rows = [Fixtures.row(1, subject: "\u{1B}]0;owned\u{7}\u{1B}[2J\u{9B}31m ok", customer: "日本語"), Fixtures.row(2, subject: "second")]
        var state = queueState(rows)
        terminal.draw(ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 24))
        fflush(nil)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertFalse(text.contains("\u{1B}]0;owned"), "an OSC title sequence from a customer")
        XCTAssertFalse(text.contains("\u{9B}"), "a C1 CSI")
        XCTAssertTrue(text.contains("^[]0;owned^G^[[2J\\x9B31m"), "shown escaped instead")
        XCTAssertTrue(text.contains("日本語"))

        // Moving the selection redraws two rows: a few hundred bytes, not a screen.
        state.queue.selected = 1
        terminal.draw(ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 24))
        fflush(nil)
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        let moveBytes = after.count - first.count
        XCTAssertGreaterThan(moveBytes, 0)
        XCTAssertLessThan(moveBytes, 600, "a move sent \(moveBytes) bytes")
        XCTAssertGreaterThan(first.count, 1_000, "the first frame is the whole screen")
        terminal.close()
        terminal.close()  // twice is harmless
    }

    func testWithoutColorOnlyAttributesAreUsed() throws {
        let path = NSTemporaryDirectory() + "baton-curses-\(UUID().uuidString)"
        defer { unlink(path) }
        let terminal = try makeTerminal(output: path, color: false)
        XCTAssertFalse(terminal.usesColor)
        let theme = try ThemeFile.parse("[selected]\nfg = \"red\"\nbg = \"blue\"\nreverse = true\n", name: "x", file: "x.toml")
        terminal.draw(ScreenRenderer.render(queueState(sampleRows), theme: theme, width: 80, height: 24))
        fflush(nil)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        XCTAssertFalse(text.contains("\u{1B}[31m") || text.contains("\u{1B}[38;5;"), "no foreground color was sent")
        XCTAssertTrue(text.contains("\u{1B}[7m") || text.contains(";7m"), "reverse video is: \(text.debugDescription.prefix(300))")
        terminal.close()
    }

    func testKeysAreDecoded() {
        XCTAssertEqual(CursesTerminal.characterKey(0x0D), .enter)
        XCTAssertEqual(CursesTerminal.characterKey(0x1B), .escape)
        XCTAssertEqual(CursesTerminal.characterKey(0x7F), .backspace)
        XCTAssertEqual(CursesTerminal.characterKey(0x0C), .control("l"))
        XCTAssertEqual(CursesTerminal.characterKey(0x6A), .character("j"))
        XCTAssertEqual(CursesTerminal.characterKey(0x65E5), .character("日"))
    }
}
