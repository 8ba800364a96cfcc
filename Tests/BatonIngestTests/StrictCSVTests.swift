@testable import BatonIngest
import BatonStore
import Foundation
import XCTest

/// NPS CSVs as they go wrong: a stray quote folded four rows into one comment with exit 0,
/// and an unclosed quote on the last line dropped all 999 good rows (issue 17). Read
/// strictly by RFC 4180: every readable row kept, the line of every problem named, and
/// the import exits 65.
final class StrictCSVTests: IngestTestCase {
    func row(_ index: Int, comment: String = "fine") -> String {
        "2026-11-20T09:\(String(format: "%02d", index % 60)):00Z,user\(index)@acme.io,\(index % 11),\(comment)"
    }

    func testAStrayQuoteFoldsNoRows() throws {
        let lines = ["time,email,score,comment", row(1), row(2, comment: "\"it broke, again"), row(3), row(4), row(5, comment: "\"quoted, fine\""), row(6)]
        let (answers, problems) = NPSAnswer.parse(csv: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(answers.map(\.email), ["user1@acme.io", "user3@acme.io", "user4@acme.io", "user5@acme.io", "user6@acme.io"])
        XCTAssertEqual(answers.first { $0.email == "user5@acme.io" }?.comment, "quoted, fine")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("line 3: "), problems[0])
    }

    func testAQuoteInsideAnUnquotedFieldIsNamed() {
        let (answers, problems) = NPSAnswer.parse(csv: [row(1), row(2, comment: "he said \"no\""), row(3)].joined(separator: "\r\n"))
        XCTAssertEqual(answers.count, 2)
        XCTAssertEqual(problems, ["line 2: a quote inside a field that does not start with one; quote the whole field and write the quote twice (\"\")"])
    }

    func testAnUnclosedQuoteOnTheLastLineKeepsEveryRowBeforeIt() throws {
        let rows = (1...999).map { row($0) } + [row(1000, comment: "\"never closed")]
        let report = try NPSImport.run(csv: rows.joined(separator: "\n"), name: "survey.csv", roster: roster, store: store, actor: "test")
        XCTAssertEqual(try store.npsCounts().all, 999)
        XCTAssertEqual(report.problems, ["survey.csv: line 1000: a quoted field is never closed"])
        XCTAssertTrue(report.leftSomethingOut, "exit 65")
    }

    func testAFoldThatClosesOnALaterCommaIsCaughtByItsShape() {
        // The stray quote on line 2 closes on line 4's quote, just before a comma.
        let text = [row(1), row(2, comment: "\"oops"), row(3), "2026-11-20T09:04:00Z,user4@acme.io,4,ends here\",x", row(5)].joined(separator: "\n")
        let (records, problems) = CSVReader.records(text)
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("line 2: a quoted field runs to line 4"), problems[0])
        XCTAssertEqual(records.map(\.line), [1, 3, 5])
    }

    func testTooManyFieldsIsARowProblemNotASilentDrop() {
        let (answers, problems) = NPSAnswer.parse(csv: row(1) + ",extra\n" + row(2))
        XCTAssertEqual(answers.count, 1)
        XCTAssertEqual(problems, ["line 1: 5 fields, more than the 4 columns; a comma in a comment needs the comment in quotes"])
    }

    func testHostileCSVsAreReadInLinearTime() {
        for (what, text) in [("lines that each open a quote", String(repeating: "\"a\n", count: 200_000)),
                             ("stray quotes", String(repeating: "a\"b,\"c\"d\n", count: 100_000)),
                             ("doubled quotes", "\"" + String(repeating: "\"\"", count: 500_000))] {
            let start = Date()
            _ = CSVReader.records(text)
            XCTAssertLessThan(Date().timeIntervalSince(start), 3, what)
        }
    }
}
