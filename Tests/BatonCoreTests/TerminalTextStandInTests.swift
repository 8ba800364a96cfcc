import XCTest
@testable import BatonCore

/// Issue 11 item 4: emoji keep their meaning on the screen. Widths per grapheme cluster;
/// where glibc's wcwidth disagrees (checked against the C library in CursesTerminalTests),
/// the screen's glyphs are stand-ins of the same columns. The text as written stays for
/// `conv show` and JSON.
final class TerminalTextStandInTests: XCTestCase {
    func screen(_ text: String) -> [String] { TerminalText.screenGlyphs(text).map(\.text) }

    func testAnEmojiAskedForWithVS16IsItsBaseAndASpace() {
        for symbol in ["\u{26A0}", "\u{2764}", "\u{2708}", "\u{2714}"] {
            let emoji = symbol + "\u{FE0F}"
            XCTAssertEqual(TerminalText.width(emoji), 2, emoji)
            XCTAssertEqual(TerminalText.screenGlyphs(emoji), [Glyph(symbol, width: 1), Glyph(" ", width: 1)], emoji)
            XCTAssertEqual(TerminalText.glyphs(emoji), [Glyph(emoji, width: 2)], "as written for conv show")
        }
    }

    func testAFlagIsItsTwoLetters() {
        XCTAssertEqual(screen("🇩🇪 and 🇯🇵"), ["D", "E", " ", "a", "n", "d", " ", "J", "P"])
        XCTAssertEqual(TerminalText.width("🇩🇪"), 2)
        XCTAssertEqual(screen("\u{1F1E9}"), ["D", " "], "a lone indicator keeps its two columns")
    }

    func testAZWJSequenceIsItsComponentsSideBySide() {
        let coder = "👩\u{200D}💻"
        XCTAssertEqual(TerminalText.width(coder), 4)
        XCTAssertEqual(TerminalText.screenGlyphs(coder), [Glyph("👩", width: 2), Glyph("💻", width: 2)])
        XCTAssertEqual(screen("👨\u{200D}👩\u{200D}👧\u{200D}👦"), ["👨", "👩", "👧", "👦"])
        // A component with VS16 is stood in for as well: the rainbow flag is a white flag and a rainbow.
        XCTAssertEqual(TerminalText.screenGlyphs("🏳\u{FE0F}\u{200D}🌈"), [Glyph("🏳", width: 1), Glyph(" ", width: 1), Glyph("🌈", width: 2)])
        XCTAssertEqual(TerminalText.width("🏳\u{FE0F}\u{200D}🌈"), 4)
    }

    func testWhatNeedsNoStandInIsDrawnAsIs() {
        XCTAssertEqual(TerminalText.screenGlyphs("ab 漢 🔁 e\u{301}"), TerminalText.glyphs("ab 漢 🔁 e\u{301}"))
    }

    func testScreenGlyphsAlwaysTakeTheColumnsTheTextIsMeasuredAt() {
        for text in ["⚠️ disk full", "🇩🇪🇯🇵", "👩‍💻 on call", "👨‍👩‍👧‍👦", "❤️✈️✔️", "plain", "\u{1B}[31m", "👍🏽"] {
            XCTAssertEqual(TerminalText.screenGlyphs(text).reduce(0) { $0 + $1.width }, TerminalText.width(text), text)
        }
    }

    func testWrapFitAndTruncateMeasureClustersAsTheScreenDrawsThem() {
        XCTAssertEqual(TerminalText.wrap("👩\u{200D}💻👩\u{200D}💻 x", width: 4), ["👩\u{200D}💻", "👩\u{200D}💻", "x"])
        XCTAssertEqual(TerminalText.truncate("⚠\u{FE0F}⚠\u{FE0F}⚠\u{FE0F}", to: 5), "⚠\u{FE0F}⚠\u{FE0F}…")
        XCTAssertEqual(TerminalText.fit("🇩🇪", to: 4), "🇩🇪  ")
        XCTAssertEqual(TerminalText.wrap("👨\u{200D}👩\u{200D}👧 ok", width: 4), ["👨\u{200D}👩\u{200D}👧", "ok"],
                       "wider than the line: a line of its own, no empty line before it")
    }
}

/// Issue 11 item 5 / issue 17 item 9: wrapping and measuring are linear in the text. The bound
/// is generous (a debug build on a shared box); the quadratic code took minutes here.
final class TerminalTextLinearTests: XCTestCase {
    func elapsed(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func testA240KBWordWithoutBreaksWrapsInLinearTime() {
        let word = String(repeating: "0123456789abcdef", count: 240 * 1_024 / 16)
        var lines: [String] = []
        let time = elapsed { lines = TerminalText.wrap("see: " + word + " end", width: 80, breakingWords: false) }
        XCTAssertEqual(lines, ["see:", word, "end"], "a word is never cut when breakingWords is false")
        XCTAssertLessThan(time, 10, "wrapping took \(time) s")
        let broken = elapsed { lines = TerminalText.wrap(word, width: 200) }
        XCTAssertEqual(lines.count, word.count / 200 + 1)
        XCTAssertLessThan(broken, 10, "wrapping took \(broken) s")
    }

    func testALongSubjectIsTruncatedWithoutReadingItAll() {
        let subject = String(repeating: "Router drops subscriptions ", count: 20_000)
        var cut = ""
        let time = elapsed { for _ in 0..<1_000 { cut = TerminalText.truncate(subject, to: 40) } }
        XCTAssertEqual(cut, "Router drops subscriptions Router drops…")
        XCTAssertLessThan(time, 5, "1,000 truncations of a 540 KB subject took \(time) s")
    }
}
