import FollowUpCore
import FollowUpRules
import Testing

/// `sources:` in followupd.yaml: each source's cost per month, for ROI in
/// reports; each mistake as FILE:LINE:COL (issue 15, "Learn from leads").
@Suite struct SourceCostConfigTests {
    @Test func readsEachSourcesCostPerMonth() throws {
        let config = try DaemonConfig.parse("""
            sources:
              web_form: {cost_per_month: 1200}
              trade_show:
                cost_per_month: 450.5
              referral: {cost_per_month: 0}
            """, file: "f.yaml")
        #expect(config.sourceCosts == ["web_form": Amount(cents: 120_000), "trade_show": Amount(cents: 45_050),
                                       "referral": .zero])
        #expect(try DaemonConfig.parse("database: x.sqlite\n", file: "f.yaml").sourceCosts.isEmpty)
    }

    @Test(arguments: [
        ("sources:\n  web_form: {cost_per_month: -5}\n", "followupd.yaml:2:30: error: `cost_per_month` of source \"web_form\" must be an amount from 0 to 1000000000"),
        ("sources:\n  web_form:\n    cost_per_month: lots\n", "followupd.yaml:3:21: error: `cost_per_month` of source \"web_form\" must be an amount"),
        ("sources:\n  web_form:\n    cost_per_month: 1e12\n", "followupd.yaml:3:21: error: `cost_per_month` of source \"web_form\" must be an amount"),
        ("sources:\n  web_form:\n    cost: 100\n", "followupd.yaml:3:5: error: unknown key \"cost\" in source \"web_form\""),
        ("sources:\n  web_form: 1200\n", "followupd.yaml:2:13:"),
        ("sources: [web_form]\n", "followupd.yaml:1:"),
    ])
    func mistakesNameTheirPlace(text: String, expected: String) {
        var problems: [String] = []
        do {
            _ = try DaemonConfig.parse(text, file: "followupd.yaml")
        } catch {
            problems = error.problems.map(\.description)
        }
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }
}
