import XCTest
@testable import BatonCore

final class TerminalTextTests: XCTestCase {
    private func shown(_ text: String) -> String { TerminalText.glyphs(text).map(\.text).joined() }
    private func widths(_ text: String) -> [Int] { TerminalText.glyphs(text).map(\.width) }

    // MARK: plain text

    func testPlainASCIIIsOneGlyphPerCharacterOneColumnEach() {
        XCTAssertEqual(TerminalText.glyphs("abc"), [Glyph("a", width: 1), Glyph("b", width: 1), Glyph("c", width: 1)])
        XCTAssertEqual(TerminalText.width("Hello, world!"), 13)
        XCTAssertEqual(TerminalText.width(""), 0)
        XCTAssertEqual(TerminalText.glyphs(""), [])
    }

    // MARK: C0 and C1 controls

    func testEscapeIsShownInCaretNotation() {
        XCTAssertEqual(shown("\u{1B}[31mERROR\u{1B}[0m"), "^[[31mERROR^[[0m")
        XCTAssertEqual(TerminalText.width("\u{1B}[31mERROR\u{1B}[0m"), 16)
        XCTAssertFalse(shown("\u{1B}[2J\u{1B}]0;pwned\u{07}").unicodeScalars.contains { $0.value < 0x20 })
    }

    func testOtherC0ControlsAndDelete() {
        XCTAssertEqual(shown("\u{00}"), "^@")
        XCTAssertEqual(shown("\u{07}"), "^G")
        XCTAssertEqual(shown("\u{08}"), "^H")
        XCTAssertEqual(shown("\u{1F}"), "^_")
        XCTAssertEqual(shown("\u{7F}"), "^?")
        XCTAssertEqual(widths("a\u{00}b"), [1, 1, 1, 1])
    }

    func testWhitespaceControlsBecomeOneSpace() {
        XCTAssertEqual(shown("a\tb"), "a b")
        XCTAssertEqual(shown("a\nb"), "a b")
        XCTAssertEqual(shown("a\rb"), "a b")
        XCTAssertEqual(shown("a\r\nb"), "a b", "CR LF is one grapheme and one space")
        XCTAssertEqual(shown("a\u{0B}\u{0C}b"), "a  b")
        XCTAssertEqual(shown("a\u{2028}b\u{2029}c"), "a b c", "the Unicode line and paragraph separators never reach the terminal")
        XCTAssertEqual(TerminalText.width("a\r\nb"), 3)
    }

    func testC1ControlsAreShownAsHexEscapes() {
        XCTAssertEqual(shown("\u{9B}31m"), "\\x9B31m", "CSI, the one-byte escape")
        XCTAssertEqual(shown("\u{80}"), "\\x80")
        XCTAssertEqual(shown("\u{85}"), "\\x85")
        XCTAssertEqual(shown("\u{9F}"), "\\x9F")
        XCTAssertEqual(TerminalText.width("\u{9B}"), 4)
        for value in 0x80...0x9F {
            let text = shown(String(UnicodeScalar(UInt8(value))))
            XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "U+\(String(value, radix: 16)) shown as \(text)")
        }
    }

    func testLatinOneAfterC1IsKept() {
        XCTAssertEqual(shown("\u{A0}é\u{FF}"), "\u{A0}é\u{FF}")
        XCTAssertEqual(TerminalText.width("café"), 4)
    }

    func testNothingBelowSpaceEverSurvives() {
        var everything = ""
        for value in 0..<0x20 { everything.unicodeScalars.append(UnicodeScalar(UInt8(value))) }
        everything += "\u{7F}"
        for value in 0x80...0x9F { everything.unicodeScalars.append(UnicodeScalar(UInt8(value))) }
        let result = shown(everything)
        XCTAssertFalse(result.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        XCTAssertEqual(TerminalText.width(everything), TerminalText.glyphs(everything).reduce(0) { $0 + $1.width })
    }

    // MARK: bidi and invisible format characters

    func testBidiControlsAreDropped() {
        XCTAssertEqual(shown("abc\u{202E}fdp.exe"), "abcfdp.exe")
        XCTAssertEqual(TerminalText.width("abc\u{202E}fdp.exe"), 10)
        for value: UInt32 in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let control = String(UnicodeScalar(value)!)
            XCTAssertEqual(shown("x" + control + "y"), "xy", "U+\(String(value, radix: 16, uppercase: true))")
            XCTAssertEqual(TerminalText.width(control), 0)
        }
    }

    func testOtherInvisibleFormatCharactersAreDropped() {
        XCTAssertEqual(shown("zero\u{200B}width"), "zerowidth")
        XCTAssertEqual(shown("soft\u{AD}hyphen"), "softhyphen")
        XCTAssertEqual(shown("\u{FEFF}bom"), "bom")
        XCTAssertEqual(TerminalText.width("\u{200B}\u{FEFF}"), 0)
    }

    // MARK: widths

    func testCJKIsTwoColumns() {
        XCTAssertEqual(widths("漢字"), [2, 2])
        XCTAssertEqual(TerminalText.width("ルーターが再起動"), 16)
        XCTAssertEqual(TerminalText.width("한국어"), 6)
        XCTAssertEqual(TerminalText.width("ＡＢ"), 4, "fullwidth Latin")
        XCTAssertEqual(TerminalText.width("ab漢"), 4)
        XCTAssertEqual(TerminalText.width("ｱ"), 1, "halfwidth katakana is narrow")
    }

    func testEmojiIsTwoColumns() {
        XCTAssertEqual(TerminalText.width("🔁"), 2)
        XCTAssertEqual(TerminalText.width("🙏"), 2)
        XCTAssertEqual(TerminalText.width("👍🏽"), 2, "emoji with skin tone modifier is one glyph")
        XCTAssertEqual(TerminalText.glyphs("👍🏽").count, 1)
        XCTAssertEqual(TerminalText.width("👨\u{200D}👩\u{200D}👧"), 6, "a ZWJ family is one glyph, as wide as its members side by side")
        XCTAssertEqual(TerminalText.glyphs("👨\u{200D}👩\u{200D}👧"), [Glyph("👨\u{200D}👩\u{200D}👧", width: 6)])
        XCTAssertEqual(TerminalText.width("🇩🇪"), 2, "a flag")
    }

    func testEmojiPresentationSelectorMakesATextSymbolWide() {
        XCTAssertEqual(TerminalText.width("\u{2764}"), 1, "heavy black heart without a selector")
        XCTAssertEqual(TerminalText.width("\u{2764}\u{FE0F}"), 2)
        XCTAssertEqual(TerminalText.glyphs("\u{2764}\u{FE0F}"), [Glyph("\u{2764}\u{FE0F}", width: 2)])
    }

    func testCombiningMarksStayWithTheirBase() {
        XCTAssertEqual(TerminalText.glyphs("e\u{301}"), [Glyph("e\u{301}", width: 1)])
        XCTAssertEqual(TerminalText.width("cafe\u{301}"), 4)
    }

    func testALoneCombiningMarkSitsOnADottedCircle() {
        XCTAssertEqual(TerminalText.glyphs("\u{301}"), [Glyph("\u{25CC}\u{301}", width: 1)])
    }

    func testIsWideTableBoundaries() {
        XCTAssertFalse(TerminalText.isWide("A"))
        XCTAssertFalse(TerminalText.isWide("\u{10FF}"))
        XCTAssertTrue(TerminalText.isWide("\u{1100}"))
        XCTAssertTrue(TerminalText.isWide("\u{115F}"))
        XCTAssertFalse(TerminalText.isWide("\u{1160}"))
        XCTAssertTrue(TerminalText.isWide("\u{AC00}"))
        XCTAssertTrue(TerminalText.isWide("\u{D7A3}"))
        XCTAssertFalse(TerminalText.isWide("\u{D7A4}"))
        XCTAssertTrue(TerminalText.isWide("\u{20000}"))
        XCTAssertTrue(TerminalText.isWide("\u{3FFFD}"))
        XCTAssertFalse(TerminalText.isWide("\u{E0001}"))
    }

    func testWideTableIsSortedAndDisjoint() {
        let ranges = WideCharacterTable.ranges
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            XCTAssertLessThan(a.upperBound, b.lowerBound, "\(a) then \(b)")
        }
    }

    func testWidthAgreesWithGlyphs() {
        let samples = ["plain", "tab\there", "\u{1B}[1mbold", "漢字 and ascii", "🔁 loop", "e\u{301}", "\u{202E}rtl", "\u{9B}", "a\r\nb", "\u{2764}\u{FE0F}x"]
        for sample in samples {
            XCTAssertEqual(TerminalText.width(sample), TerminalText.glyphs(sample).reduce(0) { $0 + $1.width }, sample.debugDescription)
        }
    }

    // MARK: truncate

    func testTruncateKeepsTextThatFits() {
        XCTAssertEqual(TerminalText.truncate("hello", to: 5), "hello")
        XCTAssertEqual(TerminalText.truncate("hello", to: 50), "hello")
    }

    func testTruncateCutsWithAnEllipsis() {
        XCTAssertEqual(TerminalText.truncate("hello world", to: 5), "hell…")
        XCTAssertEqual(TerminalText.truncate("hello", to: 4), "hel…")
        XCTAssertEqual(TerminalText.truncate("hello", to: 1), "…")
        XCTAssertEqual(TerminalText.truncate("hello", to: 0), "")
        XCTAssertEqual(TerminalText.truncate("hello", to: -3), "")
    }

    func testTruncateNeverSplitsAWideCharacter() {
        XCTAssertEqual(TerminalText.truncate("漢字漢字", to: 5), "漢字…")
        XCTAssertEqual(TerminalText.truncate("漢字漢字", to: 4), "漢…")
        XCTAssertEqual(TerminalText.width(TerminalText.truncate("漢字漢字", to: 4)), 3)
        XCTAssertEqual(TerminalText.truncate("🔁🔁", to: 3), "🔁…")
    }

    func testTruncateSanitises() {
        XCTAssertEqual(TerminalText.truncate("\u{1B}[31mERROR", to: 20), "^[[31mERROR")
        XCTAssertEqual(TerminalText.truncate("\u{1B}[31mERROR", to: 4), "^[[…")
        XCTAssertEqual(TerminalText.truncate("a\u{202E}b", to: 2), "ab")
    }

    // MARK: fit

    func testFitPadsToExactWidth() {
        XCTAssertEqual(TerminalText.fit("ab", to: 5), "ab   ")
        XCTAssertEqual(TerminalText.fit("ab", to: 5, alignRight: true), "   ab")
        XCTAssertEqual(TerminalText.fit("abcdef", to: 4), "abc…")
        XCTAssertEqual(TerminalText.fit("", to: 3), "   ")
        XCTAssertEqual(TerminalText.fit("abc", to: 0), "")
    }

    func testFitCountsColumnsNotCharacters() {
        XCTAssertEqual(TerminalText.fit("漢字", to: 6), "漢字  ")
        XCTAssertEqual(TerminalText.fit("漢字漢字", to: 4), "漢… ", "a wide glyph that does not fit leaves a space")
        XCTAssertEqual(TerminalText.fit("\u{1B}x", to: 4), "^[x ")
        for width in 0...12 {
            for text in ["漢字漢字漢字", "abc🔁def", "\u{1B}[0m", "mixed 漢 text"] {
                XCTAssertEqual(TerminalText.width(TerminalText.fit(text, to: width)), width, "\(text) at \(width)")
            }
        }
    }

    // MARK: wrap

    func testWrapBreaksAtSpaces() {
        XCTAssertEqual(TerminalText.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TerminalText.wrap("the quick brown fox", width: 100), ["the quick brown fox"])
        XCTAssertEqual(TerminalText.wrap("one two three", width: 3), ["one", "two", "thr", "ee"])
    }

    func testWrapBreaksLongWordsHard() {
        XCTAssertEqual(TerminalText.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
    }

    func testWrapKeepsNewlinesAndBlankLines() {
        XCTAssertEqual(TerminalText.wrap("a\n\nb", width: 10), ["a", "", "b"])
        XCTAssertEqual(TerminalText.wrap("a\r\nb", width: 10), ["a", "b"])
        XCTAssertEqual(TerminalText.wrap("a\n\n\n", width: 10), ["a"], "trailing blank lines are dropped")
        XCTAssertEqual(TerminalText.wrap("", width: 10), [])
    }

    func testWrapStartsALineAtUnicodeLineAndParagraphSeparators() {
        XCTAssertEqual(TerminalText.wrap("a\u{2028}b\u{2029}\u{2029}c", width: 10), ["a", "b", "", "c"])
    }

    func testWrapForAPipeKeepsLongWordsWhole() {
        let url = "https://files.pythonhosted.org/packages/x/cryptography-41.0.7-cp37-abi3-manylinux_2_28_x86_64.whl"
        XCTAssertEqual(TerminalText.wrap("get it from \(url) then run it", width: 30, breakingWords: false),
                       ["get it from", url, "then run it"], "a URL cut in two cannot be copied")
        XCTAssertEqual(TerminalText.wrap("short words wrap as usual", width: 12, breakingWords: false), ["short words", "wrap as", "usual"])
    }

    func testWrapWithoutWidthGivesNothing() {
        XCTAssertEqual(TerminalText.wrap("text", width: 0), [])
    }

    func testWrapWideCharacters() {
        XCTAssertEqual(TerminalText.wrap("漢字漢字漢", width: 4), ["漢字", "漢字", "漢"])
        XCTAssertEqual(TerminalText.wrap("漢字漢", width: 3), ["漢", "字", "漢"])
    }

    func testWrapSanitises() {
        XCTAssertEqual(TerminalText.wrap("\u{1B}[31mred\u{1B}[0m", width: 100), ["^[[31mred^[[0m"])
        XCTAssertEqual(TerminalText.wrap("x\u{202E}y", width: 100), ["xy"])
    }

    func testWrappedLinesNeverExceedTheWidth() {
        let text = "Pasting from CI: \u{1B}[31merror\u{1B}[0m[E029] ルーターが再起動を繰り返す 🔁 and a verylongwordthatmustbebroken here"
        for width in 2...30 {
            let lines = TerminalText.wrap(text, width: width)
            XCTAssertFalse(lines.isEmpty)
            for line in lines {
                XCTAssertLessThanOrEqual(TerminalText.width(line), width, "\(line.debugDescription) at width \(width)")
                XCTAssertFalse(line.hasSuffix(" "), "\(line.debugDescription) ends in a space")
            }
        }
    }
}
