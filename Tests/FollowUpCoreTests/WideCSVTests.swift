import FollowUpCore
import FollowUpFormats
import Testing

/// A spreadsheet with tens of thousands of columns is read in time linear in
/// the columns: 10,000 columns once took 6.9 s and 20,000 took 30 s, because
/// each row's event (every column an attribute) went through a quadratic
/// duplicate-member check.
@Suite struct WideCSVTests {
    static func csv(columns: Int, rows: Int) -> [UInt8] {
        let header = "id,source," + (0..<columns).map { "c\($0)" }.joined(separator: ",")
        let body = (0..<rows).map { "L\($0),web_form," + String(repeating: "v,", count: columns - 1) + "v" }
        return Array(([header] + body + [""]).joined(separator: "\n").utf8)
    }

    /// The best of three runs, in seconds, so a busy machine does not decide the ratio.
    static func seconds(_ bytes: [UInt8]) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let result = LeadImport().read(bytes)
            let elapsed = ContinuousClock.now - start
            #expect(result.problems.isEmpty && result.rows.count == 2)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    @Test func tenTimesTheColumnsTakeAboutTenTimesAsLong() {
        let small = Self.seconds(Self.csv(columns: 3_000, rows: 2))
        let large = Self.seconds(Self.csv(columns: 30_000, rows: 2))
        // Linear: about 10; quadratic: about 100. The margin absorbs a busy machine.
        #expect(large / small < 30, "3,000 columns \(small) s, 30,000 columns \(large) s")
    }
}
