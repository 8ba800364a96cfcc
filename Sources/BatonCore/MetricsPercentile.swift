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
}
