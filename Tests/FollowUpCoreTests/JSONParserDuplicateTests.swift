import Testing
@testable import FollowUpCore

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
}
