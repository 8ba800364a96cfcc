@testable import BatonStore
import XCTest

/// The load order of `baton store copy`: parents before children, and within a table a
/// row before the rows that point at it (PostgreSQL's foreign keys are not deferred).
final class StoreCopyOrderTests: XCTestCase {
    func testTablesComeAfterTheTablesTheyReference() {
        let shapes = [CopyTableShape(name: "outbox", columns: [], references: ["messages", "conversations"], selfReferences: []),
                      CopyTableShape(name: "messages", columns: [], references: ["conversations"], selfReferences: []),
                      CopyTableShape(name: "conversations", columns: [], references: ["conversations"], selfReferences: ["merged_into"]),
                      CopyTableShape(name: "alerts", columns: [], references: ["conversations"], selfReferences: [])]
        XCTAssertEqual(StoreCopy.order(shapes).map(\.name), ["conversations", "alerts", "messages", "outbox"])
    }

    func testAMergedConversationComesAfterTheOneItJoined() {
        // 1 was merged into 3, 3 into 4; 2 stands alone.
        let rows: [[CopyValue]] = [[.int(1), .int(3)], [.int(2), .null], [.int(3), .int(4)], [.int(4), .null]]
        let ordered = StoreCopy.parentsFirst(rows, key: 0, pointers: [1]).map { $0[0] }
        XCTAssertEqual(ordered, [.int(2), .int(4), .int(3), .int(1)])
    }
}
