public import FollowUpCore
import FollowUpFormats
/// Money per source: revenue from won deals against what the source cost
/// over the report's period, and what follows from them (docs/reports.md).
///
/// Every quotient is nil where it would divide by zero (no lead, no win, no
/// cost) or where the cost is not known (the source has no `cost_per_month`).
public struct SourceReturn: Sendable, Hashable {
    /// The sum of the `value`s given with `lead.status` `won` (a win without one adds nothing).
    public var revenue: Amount = .zero
    /// Wins that carried a value.
    public var valuedWins: Int = 0
    /// The source's cost over the period; nil when the config gives none.
    public var cost: Amount?

    /// Cost ÷ leads captured.
    public func costPerLead(leads: Int) -> Amount? { cost?.divided(by: leads) }

    /// Cost ÷ leads won.
    public func costPerWin(won: Int) -> Amount? { cost?.divided(by: won) }

    /// (revenue − cost) ÷ cost, two decimals (`1.50` is 150 %); nil without a cost or with a cost of 0.
    public var roiText: String? {
        guard let cost, cost.cents > 0 else { return nil }
        let gain = revenue.cents - cost.cents
        // Ratio rounds non-negative quotients; a loss is the negated rounding of its magnitude.
        let magnitude = Ratio(Int(gain.magnitude), of: Int(cost.cents)).decimalText(places: 2)!
        return gain < 0 ? "-" + magnitude : magnitude
    }
}
