@testable import BatonIngest
import Foundation
import XCTest

final class ReadAheadTests: XCTestCase {
    func testResultsArriveInOrderWhateverOrderTheyFinishIn() {
        let readAhead = ReadAhead(count: 20, depth: 3) { index in
            // Later items finish sooner, so a hand-over by arrival would come out shuffled.
            usleep(useconds_t((20 - index) * 200))
            return index * index
        }
        XCTAssertEqual((0..<20).map { readAhead.take($0) }, (0..<20).map { $0 * $0 })
    }

    func testATimedTakeGivesUpOnASlowItemAndALaterTakeStillGetsIt() {
        // The maildir writer holds the store's lock while it asks: it must not wait on a slow parse.
        let readAhead = ReadAhead(count: 2, depth: 2) { index in
            if index == 1 { usleep(300_000) }
            return index
        }
        XCTAssertEqual(readAhead.take(0), 0)
        let start = Date()
        XCTAssertNil(readAhead.take(1, waitingAtMost: 0.01))
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.2)
        XCTAssertEqual(readAhead.take(1), 1)
    }

    func testTheProducerStaysWithinItsDepth() {
        let started = Counter()
        let readAhead = ReadAhead(count: 100, depth: 2) { index in
            started.increment()
            return index
        }
        XCTAssertEqual(readAhead.take(0), 0)
        usleep(50_000)
        // Item 0 taken: items 1 and 2 may be ready, item 3 may not start until 1 is taken.
        XCTAssertLessThanOrEqual(started.value, 3)
        XCTAssertEqual(readAhead.take(1), 1)
    }

    func testAConsumerThatStopsEarlyEndsTheProducersThread() {
        // The producer's closure holds the sentinel; it goes only when the thread ends.
        let ended = expectation(description: "the producer's thread ended")
        var readAhead: ReadAhead<Int>? = {
            let sentinel = Sentinel { ended.fulfill() }
            return ReadAhead(count: 1_000, depth: 2) { index in
                withExtendedLifetime(sentinel) {}
                return index
            }
        }()
        XCTAssertEqual(readAhead?.take(0), 0)
        readAhead = nil
        wait(for: [ended], timeout: 5)
    }
}

/// Says when it goes.
private final class Sentinel: @unchecked Sendable {
    let onRelease: () -> Void
    init(_ onRelease: @escaping () -> Void) { self.onRelease = onRelease }
    deinit { onRelease() }
}

/// A count shared with a producer thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
