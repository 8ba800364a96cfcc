@testable import BatonIngest
import XCTest

final class StoredTextTests: XCTestCase {
    func testTheSubjectIsTheFirstLineWithText() {
        XCTAssertEqual(StoredText.subject("Router drops\nsecond line"), "Router drops")
        XCTAssertEqual(StoredText.subject("\r\n  \t\r\n   Router drops  \r\nmore"), "Router drops", "blank lines and CRLF are passed over")
        XCTAssertEqual(StoredText.subject("  \u{2028} Grüße aus Köln\u{2029}second"), "Grüße aus Köln", "Unicode line separators end lines too")
        XCTAssertEqual(StoredText.subject("first\u{85}second"), "first")
        XCTAssertEqual(StoredText.subject(" \n\t\n"), "(no subject)")
        XCTAssertEqual(StoredText.subject(""), "(no subject)")
    }

    func testALongFirstLineIsCutToAHundredCharacters() {
        let hundred = String(repeating: "é", count: 100)
        XCTAssertEqual(StoredText.subject(hundred), hundred, "exactly the limit stays whole")
        let long = String(repeating: "👩🏽‍💻", count: 150) + "\nnext"
        XCTAssertEqual(StoredText.subject(long), String(repeating: "👩🏽‍💻", count: 99) + "…")
    }
}

extension StoredTextTests {
    func testBlanksAroundTheSubjectGoWhateverTheirKind() {
        XCTAssertEqual(StoredText.subject("\u{A0}\u{3000} Router drops \t\u{2003}"), "Router drops", "no-break, ideographic and em spaces")
        XCTAssertEqual(StoredText.subject("\u{3000}\n x"), "x", "a line of only wide blanks has no text")
        XCTAssertEqual(StoredText.subject("\u{200B}\u{FEFF}\nreal subject"), "real subject", "a line of zero-width spaces has no text")
        XCTAssertEqual(StoredText.subject("a\u{200B}b"), "a\u{200B}b", "inside the text they stay")
    }
}
