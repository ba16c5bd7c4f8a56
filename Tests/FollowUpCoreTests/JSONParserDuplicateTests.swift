import Testing
@testable import FollowUpCore
@testable import FollowUpFormats

/// Duplicate member names are refused in objects of every size: small ones
/// are scanned, large ones (past ``JSONParser/scannedMembers``) use a set, so a
/// hostile 1 MiB object of tens of thousands of keys stays linear.
@Suite struct JSONParserDuplicateTests {
    static func object(keys: Int, duplicateAt: Int?) -> String {
        var names = (0..<keys).map { "k\($0)" }
        if let duplicateAt { names[duplicateAt] = "k0" }
        return "{" + names.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
    }

    @Test(arguments: [2, 15, 16, 17, 40_000])
    func aRepeatedNameIsRefusedWhereverItComes(_ keys: Int) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Self.object(keys: keys, duplicateAt: keys - 1)) }
        let parsed = try? JSONParser.parse(Self.object(keys: keys, duplicateAt: nil))
        guard case .object(let o)? = parsed else {
            Issue.record("\(keys) distinct keys did not parse")
            return
        }
        #expect(o.count == keys)
    }

    /// The best of three parses of `text`, in seconds, refused for its duplicate.
    static func seconds(refusing text: String) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    /// Issue 11's hostile body: a 1 MiB object of 85,000 keys, its duplicate
    /// last, once checked each name against every name before it.
    @Test func tenTimesTheKeysTakeAboutTenTimesAsLong() {
        let small = Self.seconds(refusing: Self.object(keys: 8_500, duplicateAt: 8_499))
        let large = Self.seconds(refusing: Self.object(keys: 85_000, duplicateAt: 84_999))
        // Linear: about 10; quadratic: about 100. The margin absorbs a busy machine.
        #expect(large / small < 30, "8,500 keys \(small) s, 85,000 keys \(large) s")
    }
}
