import Foundation

/// Works out `produce(0)`, `produce(1)`, … on a thread of its own, at most `depth` ahead
/// of the consumer, and hands the results over in order. An import reads and decodes its
/// next files while the store writes this one: on two cores, parsing and SQLite overlap.
final class ReadAhead<Output: Sendable> {
    private let shared: Shared

    init(count: Int, depth: Int, produce: @escaping @Sendable (Int) -> Output) {
        precondition(depth > 0, "a producer that may not run ahead at all would wait forever")
        let shared = Shared()
        self.shared = shared
        Thread {
            for index in 0..<count {
                guard shared.waitForRoom(before: index, depth: depth) else { return }
                shared.put(produce(index), at: index)
            }
        }.start()
    }

    /// The output for `index`, waiting for it if need be. Take them in order.
    func take(_ index: Int) -> Output { shared.take(index, until: nil)! }

    /// The output for `index` when it is ready within `seconds`, else nil (take it later).
    func take(_ index: Int, waitingAtMost seconds: TimeInterval) -> Output? {
        shared.take(index, until: Date().addingTimeInterval(seconds))
    }

    /// A consumer that stops early (an error) stops the producer too.
    deinit { shared.stop() }

    private final class Shared: @unchecked Sendable {
        // Everything below is read and written only while `condition` is locked.
        private let condition = NSCondition()
        private var ready: [Int: Output] = [:]
        private var taken = 0
        private var stopped = false

        func waitForRoom(before index: Int, depth: Int) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while index - taken >= depth, !stopped { condition.wait() }
            return !stopped
        }

        func put(_ output: Output, at index: Int) {
            condition.lock()
            ready[index] = output
            condition.broadcast()
            condition.unlock()
        }

        func take(_ index: Int, until deadline: Date?) -> Output? {
            condition.lock()
            defer { condition.unlock() }
            while ready[index] == nil {
                if let deadline {
                    if !condition.wait(until: deadline), ready[index] == nil { return nil }
                } else {
                    condition.wait()
                }
            }
            taken = index + 1
            condition.broadcast()
            return ready.removeValue(forKey: index)!
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
