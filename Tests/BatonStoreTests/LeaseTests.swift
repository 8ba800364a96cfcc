import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// Two `baton demo` screens on one store share one feeder: the store's lease decides which
/// feeder writes (issue 11, item 6).
final class LeaseTests: StoreTestCase {
    func testOneHolderAtATimeUntilItLapsesOrIsGivenUp() throws {
        let other = try SQLiteStore(path: store.path)
        XCTAssertTrue(try store.holdLease("demo-feeder", holder: "box:100", for: 10, now: now))
        XCTAssertFalse(try other.holdLease("demo-feeder", holder: "box:200", for: 10, now: now.addingTimeInterval(5)), "held by 100")
        XCTAssertTrue(try store.holdLease("demo-feeder", holder: "box:100", for: 10, now: now.addingTimeInterval(8)), "renewed")
        XCTAssertFalse(try other.holdLease("demo-feeder", holder: "box:200", for: 10, now: now.addingTimeInterval(17.9)), "renewed until 18 s")
        XCTAssertTrue(try other.holdLease("demo-feeder", holder: "box:200", for: 10, now: now.addingTimeInterval(18)), "lapsed: 100 was killed")
        XCTAssertFalse(try store.holdLease("demo-feeder", holder: "box:100", for: 10, now: now.addingTimeInterval(19)))
        try store.releaseLease("demo-feeder", holder: "box:100")
        XCTAssertFalse(try store.holdLease("demo-feeder", holder: "box:100", for: 10, now: now.addingTimeInterval(19)), "only the holder gives it up")
        try other.releaseLease("demo-feeder", holder: "box:200")
        XCTAssertTrue(try store.holdLease("demo-feeder", holder: "box:100", for: 10, now: now.addingTimeInterval(19)))
        XCTAssertTrue(try store.holdLease("another job", holder: "box:200", for: 10, now: now.addingTimeInterval(19)), "leases are by name")
    }
}
