/// Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the
/// value at rank ceil(p/100 × n) (ranks from 1), so it is always one of the values, never
/// an average of two. The median (p50) of an even count is the lower of the middle two.
public enum MetricsPercentile {
    /// The p-th percentile (0 < p <= 100) of `values`, nil when there are none.
    public static func nearestRank(_ p: Int, of values: [Int64]) -> Int64? {
        nearestRank(p, sorted: values.sorted())
    }

    /// The same, over values already sorted ascending.
    public static func nearestRank(_ p: Int, sorted values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        // ceil(p × n / 100) in integers.
        let rank = max(1, (p * values.count + 99) / 100)
        return values[min(rank, values.count) - 1]
    }

    /// The p-th percentiles of `values` for each of `ps` (ascending, 0 < p <= 100), by the
    /// same ranks as `nearestRank`, found by selection rather than a sort: a quarter's
    /// hundreds of thousands of response times need only two of their ranks. Nil for each
    /// when there are no values.
    public static func nearestRanks(_ ps: [Int], of values: [Int64]) -> [Int64?] {
        guard !values.isEmpty else { return ps.map { _ in nil } }
        var values = values
        var low = 0
        return values.withUnsafeMutableBufferPointer { buffer in
            ps.map { p in
                let index = min(max(1, (p * buffer.count + 99) / 100), buffer.count) - 1
                // Ranks ascend: what lies left of the last one found is below this one too.
                let found = select(buffer, index, from: min(low, index), to: buffer.count - 1)
                low = index
                return found
            }
        }
    }

    /// The value of rank `index` (from 0) among `buffer[low...high]`, with every value
    /// before it no greater and every one after it no less: quickselect with a
    /// three-way partition (runs of equal values, common among whole seconds and touch
    /// counts, cost nothing), falling back to a sort if the pivots keep choosing badly.
    static func select(_ buffer: UnsafeMutableBufferPointer<Int64>, _ index: Int, from low: Int, to high: Int) -> Int64 {
        var low = low, high = high, rounds = 0
        while low < high {
            rounds += 1
            if rounds > 64 {
                var part = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                part.sort()
                return buffer[index]
            }
            let (a, b, c) = (buffer[low], buffer[low + (high - low) / 2], buffer[high])
            let pivot = max(min(a, b), min(max(a, b), c))
            var less = low, scan = low, greater = high
            while scan <= greater {
                if buffer[scan] < pivot {
                    buffer.swapAt(less, scan)
                    less += 1
                    scan += 1
                } else if buffer[scan] > pivot {
                    buffer.swapAt(scan, greater)
                    greater -= 1
                } else {
                    scan += 1
                }
            }
            if index < less { high = less - 1 } else if index > greater { low = greater + 1 } else { return pivot }
        }
        return buffer[index]
    }
}
