import BatonCore
import XCTest

final class CommandWordsTests: XCTestCase {
    func testWordsSplitOnSpacesWithShellQuotingAndNothingExpanded() throws {
        XCTAssertEqual(try CommandWords.split("/usr/sbin/sendmail -oi -t"), ["/usr/sbin/sendmail", "-oi", "-t"])
        XCTAssertEqual(try CommandWords.split("  msmtp\t-a 'team account'  \"a \\\"b\\\" \\\\ \\n\"  "), ["msmtp", "-a", "team account", "a \"b\" \\ \\n"])
        XCTAssertEqual(try CommandWords.split("notify $USER *.txt | rm ; >x ~"), ["notify", "$USER", "*.txt", "|", "rm", ";", ">x", "~"], "no shell")
        XCTAssertEqual(try CommandWords.split("a\\ b ''"), ["a b", ""])
    }

    func testBrokenLinesAreRefusedWithTheReason() {
        XCTAssertThrowsError(try CommandWords.split("sendmail 'open")) { XCTAssertEqual(($0 as? CommandWords.SplitError)?.description, "a single quote is not closed in: sendmail 'open") }
        XCTAssertThrowsError(try CommandWords.split("sendmail \"open"))
        XCTAssertThrowsError(try CommandWords.split("sendmail \\"))
        XCTAssertThrowsError(try CommandWords.split("   ")) { XCTAssertEqual(($0 as? CommandWords.SplitError)?.description, "no program named") }
    }
}
