import FollowUpRules
import Testing

/// `dashboard:` in followupd.yaml: the SLA goal and the red/amber thresholds
/// the dashboard measures against; defaults when absent; each mistake as
/// FILE:LINE:COL.
@Suite struct DashboardConfigTests {
    @Test func readsTheTargetsAndDefaultsThem() throws {
        let config = try DaemonConfig.parse("dashboard:\n  sla_goal: 95\n  amber_below: \"85%\"\n  red_below: 70.5\n", file: "f.yaml")
        #expect(config.dashboard == DashboardConfig(slaGoal: 95, amberBelow: 85, redBelow: 70.5))
        #expect(config.dashboard.tone(ofPercent: 96) == .green)
        #expect(config.dashboard.tone(ofPercent: 85) == .green, "amber only below amber_below")
        #expect(config.dashboard.tone(ofPercent: 84.9) == .amber)
        #expect(config.dashboard.tone(ofPercent: 70) == .red)

        let defaults = try DaemonConfig.parse("database: x.sqlite\n", file: "f.yaml").dashboard
        #expect(defaults == DashboardConfig(slaGoal: 90, amberBelow: 90, redBelow: 75))
        // amber_below follows the goal unless given.
        #expect(try DaemonConfig.parse("dashboard:\n  sla_goal: 80\n", file: "f.yaml").dashboard.amberBelow == 80)
    }

    @Test(arguments: [
        ("dashboard:\n  sla_goal: 120\n", "followupd.yaml:2:13: error: `sla_goal` of `dashboard` must be a percentage from 0 to 100 (e.g. 90 or \"90%\"), got \"120\""),
        ("dashboard:\n  red_below: lots\n", "followupd.yaml:2:14: error: `red_below` of `dashboard` must be a percentage"),
        ("dashboard:\n  sla_goal: 90\n  red_below: 95\n", "followupd.yaml:3:14: error: `red_below` of `dashboard` (95%) must not be above `amber_below` (90%)"),
        ("dashboard:\n  goal: 90\n", "followupd.yaml:2:3:"),
        ("dashboard: 90\n", "followupd.yaml:1:"),
    ])
    func mistakesNameTheirPlace(text: String, expected: String) {
        let problems = DaemonConfig.problems(in: text)
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }
}
