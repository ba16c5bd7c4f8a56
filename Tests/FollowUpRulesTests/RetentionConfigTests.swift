import FollowUpCore
import FollowUpRules
import Testing

/// `retention:` in followupd.yaml: absent keeps everything, a duration of at
/// least a day prunes, anything else is refused at its FILE:LINE:COL.
@Suite struct RetentionConfigTests {
    @Test func absentMeansKeepForeverAndADurationIsRead() throws {
        #expect(try DaemonConfig.parse("durability: normal\n", file: "followupd.yaml").retention == nil)
        #expect(try DaemonConfig.parse("retention: 400d\n", file: "followupd.yaml").retention == .days(400))
        #expect(try DaemonConfig.parse("retention: 2 weeks\n", file: "followupd.yaml").retention == .days(14))
    }

    @Test(arguments: [
        ("retention: forever\n", "followupd.yaml:1:12: error: invalid duration \"forever\""),
        ("retention: 12h\n", "followupd.yaml:1:12: error: `retention` must be at least 1d"),
        ("retention: 0s\n", "followupd.yaml:1:12: error: `retention` must be at least 1d"),
        ("durability: normal\nretention: 99999999999999999999d\n", "followupd.yaml:2:12: error: invalid duration"),
        ("retention: [400d]\n", "followupd.yaml:1:12: error:"),
    ])
    func aBadRetentionIsRefusedWhereItIsWritten(text: String, expected: String) {
        let problems = DaemonConfig.problems(in: text)
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }
}
