import Testing
import FollowUpReports

/// Percentiles find the bin holding a rank from the bins' counts, so bins must
/// ascend with the values they hold; fine bins must stay narrow, or a
/// percentile of the total reads as many values as a coarse bin would.
@Suite struct ValueBinsTests {
    static let samples: [Int64] = Array(-3...5_000) + stride(from: 5_000, to: 40_000_000, by: 997).map { $0 }

    @Test(arguments: [ReportDimension.all, .rep])
    func binsAscendWithTheirValues(_ dimension: ReportDimension) {
        var last = Int64.min
        for seconds in Self.samples {
            let bin = ValueBins.bin(of: seconds, in: dimension)
            #expect(bin >= last, "\(seconds) s in bin \(bin), after bin \(last)")
            last = bin
        }
    }

    @Test func fineBinsAreAtMostAbout1And6PercentWide() {
        var first: [Int64: Int64] = [:]
        var widest: Double = 0
        for seconds in Self.samples where seconds >= 0 {
            let bin = ValueBins.bin(of: seconds, in: .all)
            let start = first[bin] ?? seconds
            first[bin] = start
            widest = max(widest, Double(seconds - start) / Double(max(start, 1)))
        }
        #expect(widest < 0.016)
        // Exact below 128 s: a percentile of the total there reads no values at all.
        #expect((0..<128).allSatisfy { ValueBins.bin(of: $0, in: .team) == $0 })
        // The coarse bins the many-keyed dimensions keep are about 9 % wide.
        #expect(ValueBins.bin(of: 600, in: .rep) == ValueBins.bin(of: 620, in: .rep))
        #expect(ValueBins.bin(of: 600, in: .all) != ValueBins.bin(of: 620, in: .all))
    }
}
