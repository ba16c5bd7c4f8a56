import FollowUpCore

/// `sources:`: what each lead source costs per month (ads, a list, a booth),
/// so reports can set revenue against it. Each source is a mapping so more
/// can be said about a source later without changing the shape:
///
/// ```yaml
/// sources:
///   web_form: {cost_per_month: 1200}
///   trade_show:
///     cost_per_month: 450.50
/// ```
extension DaemonConfig {
    mutating func readSources(_ node: RuleNode, with reader: inout RuleReader) {
        guard let entries = reader.entries(of: node, what: "`sources`") else { return }
        var costs: [String: Amount] = [:]
        for entry in entries {
            let context = "source \"\(entry.key.value)\""
            guard let fields = reader.fields(of: entry.value, context: context, allowed: ["cost_per_month"],
                                             required: ["cost_per_month"], at: entry.key.position),
                  let text = reader.text(fields, "cost_per_month") else { continue }
            guard let cost = Amount(parsing: text.value) else {
                reader.log.error("`cost_per_month` of \(context) must be an amount from 0 to \(Amount.maximum.cents / 100) "
                                 + "(e.g. 1200 or 1200.50), got \"\(text.value)\"", at: text.position)
                continue
            }
            costs[entry.key.value] = cost
        }
        sourceCosts = costs
    }
}
