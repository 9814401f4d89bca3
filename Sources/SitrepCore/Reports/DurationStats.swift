/// Mean, median and 90th percentile of a set of durations, in milliseconds.
///
/// Percentiles are nearest-rank: with the n values sorted ascending v₁ ≤ … ≤ vₙ, the p-th percentile
/// (0 < p ≤ 100) is v_k with k = ⌈p·n/100⌉. So the median is the p50 by nearest rank: for an even n it is the
/// lower of the two middle values (no interpolation), and every figure reported is a time that occurred.
/// The mean is the sum divided by n, rounded toward zero to the millisecond.
public struct DurationStats: Sendable, Equatable, Codable {
    public var count: Int
    public var meanMs: Int64
    public var medianMs: Int64
    public var p90Ms: Int64

    public init(count: Int, meanMs: Int64, medianMs: Int64, p90Ms: Int64) {
        self.count = count
        self.meanMs = meanMs
        self.medianMs = medianMs
        self.p90Ms = p90Ms
    }

    /// Nil for no values.
    public init?(milliseconds values: [Int64]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        meanMs = sorted.reduce(0, +) / Int64(sorted.count)
        medianMs = Self.nearestRank(50, of: sorted)
        p90Ms = Self.nearestRank(90, of: sorted)
    }

    /// v_k, k = ⌈p·n/100⌉ (at least 1), of ascending `sorted`.
    public static func nearestRank(_ percentile: Int, of sorted: [Int64]) -> Int64 {
        let rank = max(1, (percentile * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }

    /// `mean 4m 10s, median 3m, p90 9m (n=11)`.
    public var summary: String {
        let mean = Duration.milliseconds(meanMs).chatDescription
        let median = Duration.milliseconds(medianMs).chatDescription
        return "mean \(mean), median \(median), p90 \(Duration.milliseconds(p90Ms).chatDescription) (n=\(count))"
    }
}
