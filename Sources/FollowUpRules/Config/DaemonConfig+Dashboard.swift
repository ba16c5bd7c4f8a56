import FollowUpCore
import Foundation

/// `dashboard:`: the SLA goal and the red/amber thresholds, each a percentage
/// (`90` or `"90%"`), checked with FILE:LINE:COL.
extension DaemonConfig {
    mutating func readDashboard(_ node: RuleNode, at key: SourcePlace?, with reader: inout RuleReader) {
        guard let fields = reader.fields(of: node, context: "`dashboard`", allowed: ["sla_goal", "amber_below", "red_below"],
                                         at: key) else { return }
        func percent(_ name: String) -> Located<Double>? {
            guard let v = reader.text(fields, name) else { return nil }
            let digits = v.value.hasSuffix("%") ? String(v.value.dropLast()) : v.value
            guard let value = Double(digits.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...100).contains(value) else {
                reader.log.error("`\(name)` of `dashboard` must be a percentage from 0 to 100 (e.g. 90 or \"90%\"), got \"\(v.value)\"",
                                 at: v.position)
                return nil
            }
            return Located(value: value, position: v.position)
        }
        let goal = percent("sla_goal")
        let amber = percent("amber_below")
        let red = percent("red_below")
        var settings = DashboardConfig(slaGoal: goal?.value ?? dashboard.slaGoal, amberBelow: amber?.value ?? goal?.value,
                                       redBelow: red?.value ?? dashboard.redBelow)
        if settings.redBelow > settings.amberBelow {
            // Said where the user wrote the number that crosses the other.
            let position = red?.position ?? amber?.position ?? goal?.position ?? fields.position
            reader.log.error("`red_below` of `dashboard` (\(DashboardConfig.percentText(settings.redBelow))) must not be above `amber_below` "
                             + "(\(DashboardConfig.percentText(settings.amberBelow)))", at: position)
            settings = DashboardConfig()
        }
        dashboard = settings
    }
}
