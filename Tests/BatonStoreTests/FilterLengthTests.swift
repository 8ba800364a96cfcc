import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// A filter of 50,000 characters printed SQLite's raw "LIKE or GLOB pattern too complex"
/// (issue 17, item 10). A filter is bounded, and one past the bound is refused in words.
final class FilterLengthTests: StoreTestCase {
    func testAFilterPastTheBoundIsRefusedInWordsAndOneWithinItRuns() throws {
        let long = String(repeating: "ab ", count: 17_000)
        XCTAssertThrowsError(try store.queueWindow(QueueQuery(filter: long), offset: 0, limit: 20)) { error in
            XCTAssertEqual(error as? FilterTooLong, FilterTooLong(characters: 50_999))
            XCTAssertEqual("\(error)", "a filter of 50999 characters is longer than the 1000 a filter may have; filter by a few words")
        }
        XCTAssertThrowsError(try store.queueSize(QueueQuery(filter: long)))
        let atTheBound = String(repeating: "a%_\\ ", count: FilterTooLong.maximumCharacters / 5)
        XCTAssertEqual(try store.queueWindow(QueueQuery(filter: atTheBound), offset: 0, limit: 20).count, 0)
    }
}
