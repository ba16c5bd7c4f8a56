/// `dashboard:` in `followupd.yaml`: the targets `GET /dashboard` measures
/// against. The first-touch SLA share is green at or above `amber_below`,
/// amber below it, red below `red_below`; `sla_goal` is the line drawn across
/// the SLA charts. Percentages, 0–100.
public struct DashboardConfig: Sendable, Hashable {
    /// The goal line on the SLA charts (percent of leads first touched within the SLA).
    public var slaGoal: Double
    /// Below this share the SLA shows amber (default: the goal).
    public var amberBelow: Double
    /// Below this share the SLA shows red.
    public var redBelow: Double

    public init(slaGoal: Double = 90, amberBelow: Double? = nil, redBelow: Double = 75) {
        self.slaGoal = slaGoal
        self.amberBelow = amberBelow ?? slaGoal
        self.redBelow = redBelow
    }

    /// How a share of leads within the SLA looks against the targets.
    public enum Tone: String, Sendable, Hashable {
        case green, amber, red
    }

    /// `75%`, `92.5%`: a target as the dashboard and error messages print it.
    public static func percentText(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// `percent`'s tone: red below `redBelow`, amber below `amberBelow`, else green.
    public func tone(ofPercent percent: Double) -> Tone {
        if percent < redBelow { return .red }
        if percent < amberBelow { return .amber }
        return .green
    }
}
