@testable import BatonCore
import XCTest

/// Percentiles found by selection (issue 14's speed target) are the ones a sort finds, for
/// every rank asked, over counts odd and even, runs of equal values, sorted and reversed input.
final class MetricsPercentileSelectionTests: XCTestCase {
    func testSelectionFindsTheRanksASortFinds() {
        var seed: UInt64 = 14
        func next(_ bound: UInt64) -> Int64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((seed >> 33) % bound)
        }
        var inputs: [[Int64]] = [[], [7], [2, 1], [5, 5, 5, 5], Array(0..<1_000), Array((0..<1_000).reversed()), Array(repeating: 3, count: 5_000)]
        for count in [3, 10, 11, 100, 101, 4_096, 20_001] {
            inputs.append((0..<count).map { _ in next(count > 1_000 ? 50 : 1_000_000) })  // few values, many repeats, for the large ones
        }
        for values in inputs {
            let ranks = MetricsPercentile.nearestRanks([1, 50, 90, 99, 100], of: values)
            XCTAssertEqual(ranks, [1, 50, 90, 99, 100].map { MetricsPercentile.nearestRank($0, of: values) }, "\(values.count) values")
        }
        XCTAssertEqual(MetricsPercentile.nearestRanks([50, 90], of: [4, 1, 3, 2]), [2, 4])
        XCTAssertEqual(MetricsPercentile.nearestRanks([50, 90], of: []), [nil, nil])
    }
}
