import BatonConfig
import BatonCore
import BatonTestSupport
import CNcursesShim
import Foundation
import XCTest
@testable import BatonTUI

/// Issue 11 items 4 and 6 at the ncurses adapter: emoji stand-ins agree with the C library's
/// wcwidth (what ncurses measures with), Home and End as tmux sends them, and a terminal
/// ncurses cannot drive.
final class CursesTerminalTextTests: XCTestCase {
    var paths: [String] = []

    override func tearDown() {
        for path in paths { unlink(path) }
    }

    func file(_ contents: String = "") -> String {
        let path = NSTemporaryDirectory() + "baton-curses-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
        paths.append(path)
        return path
    }

    func makeTerminal(input: String = "", output: String, type: String = "xterm-256color") throws -> CursesTerminal {
        setenv("LINES", "10", 1)
        setenv("COLUMNS", "80", 1)
        return try CursesTerminal(input: fopen(file(input), "r")!, output: fopen(output, "w")!, terminalType: type, allowColor: false)
    }

    /// The symbols of the issue, and the checks on this machine's glibc: a one-column base for
    /// VS16 emoji and the regional indicators, two for the ZWJ components.
    static let samples = ["\u{26A0}\u{FE0F}", "\u{2764}\u{FE0F}", "\u{2708}\u{FE0F}", "\u{2714}\u{FE0F}", "🇩🇪", "🇯🇵", "👩\u{200D}💻",
                          "👨\u{200D}👩\u{200D}👧\u{200D}👦", "🏳\u{FE0F}\u{200D}🌈", "🔁", "漢字", "e\u{301}", "👍🏽", "#\u{FE0F}\u{20E3}"]

    func testEveryScreenGlyphIsAsWideAsGlibcsWcwidthSays() {
        CursesTerminal.ensureUTF8Locale()
        var standIns = 0
        for text in Self.samples {
            for glyph in TerminalText.screenGlyphs(text) {
                XCTAssertEqual(Int(baton_wcwidth(glyph.text.unicodeScalars.first!.value)), glyph.width, "\(text): \(glyph.text.debugDescription)")
            }
            if TerminalText.screenGlyphs(text) != TerminalText.glyphs(text) { standIns += 1 }
        }
        XCTAssertEqual(standIns, 9, "the VS16 emoji, the flags and the ZWJ sequences need stand-ins")
        // The disagreement the stand-ins exist for: glibc gives these one column, the cluster two.
        for base in [0x26A0, 0x2764, 0x2708, 0x2714, 0x1F1E9] as [UInt32] { XCTAssertEqual(baton_wcwidth(base), 1, String(base, radix: 16)) }
    }

    func testTheScreenDrawsStandInsNotQuestionMarks() throws {
        let rows = [Fixtures.row(1, subject: "\u{26A0}\u{FE0F} disk full 🇩🇪 👩\u{200D}💻 ok", owner: "ana")]
        let grid = ScreenRenderer.render(queueState(rows), theme: .monochrome, width: 80, height: 6)
        let line = grid.line(3)
        XCTAssertTrue(line.contains("⚠  disk full DE 👩💻 ok"), line)
        let x = line.distance(from: line.startIndex, to: line.range(of: "⚠")!.lowerBound)
        XCTAssertEqual(grid[x, 3].text, "⚠")
        XCTAssertEqual(grid[x, 3].width, 1)
        XCTAssertEqual(grid[x + 1, 3].text, " ", "the space keeps the emoji's second column")
        XCTAssertEqual(grid[x + 2, 3].text, " ")
        XCTAssertEqual(grid[x + 3, 3].text, "d")

        let output = file()
        let terminal = try makeTerminal(output: output)
        XCTAssertEqual(terminal.width, 80)
        terminal.draw(ScreenRenderer.render(queueState(rows), theme: .monochrome, width: 80, height: 10))
        terminal.close()
        let sent = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
        XCTAssertFalse(sent.contains("？"), "no fullwidth question mark")
        XCTAssertTrue(sent.contains("⚠"), sent.debugDescription)
        XCTAssertTrue(sent.contains("👩") && sent.contains("💻"), "both of the ZWJ sequence's emoji")
    }

    func testHomeAndEndAsTmuxSendsThem() throws {
        let terminal = try makeTerminal(input: "\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~x", output: file())
        defer { terminal.close() }
        let keys = (0..<5).map { _ in terminal.readKey(timeoutMilliseconds: 200) }
        XCTAssertEqual(keys, [.home, .end, .home, .end, .character("x")])
    }

    func testATerminalNcursesCannotDriveIsRefusedInOneLine() throws {
        XCTAssertThrowsError(try makeTerminal(output: file(), type: "dumb")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("cannot draw on terminal type \"dumb\""), text)
            XCTAssertFalse(text.contains("\n"))
        }
        // A terminal it can drive still starts.
        try makeTerminal(output: file(), type: "vt100").close()
    }
}
