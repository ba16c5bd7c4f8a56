/// What the report's short column headings mean, printed under the tables so
/// a manager can read them without docs/reports.md (which defines each figure
/// exactly). Every line fits 100 columns.
enum ReportLegend {
    static let entries: [(heading: String, meaning: String)] = [
        ("SLA%", "MET / (MET + MISSED): first touches logged by step 1's deadline"),
        ("MET, MISSED", "leads whose first touch came by / after the deadline; PENDING: not yet due"),
        ("MEDIAN, P90", "speed to lead: capture to first logged touch, median and 90th percentile"),
        ("NEVER", "leads with no logged touch yet"),
        ("PER-LEAD", "touches logged per lead"),
        ("ONE-TOUCH", "leads dropped after a single touch (closed, or the next step breached)"),
        ("COMPLETED", "leads that got every touch of their cadence"),
        ("BREACHES", "step deadlines that passed unmet"),
        ("ENGAGED, WON, LOST", "leads with that status now"),
        ("REPEATED, MOVED", "breaches of a step already breached; leads moved after breaches"),
        ("CHECK-INS, ANS%", "check-ins sent to an engaged lead's owner; share answered by a touch"),
        ("HOT", "hot-lead signals sent"),
        ("ACC%, TO-ACCEPT", "offers of step 1 accepted; median time from offer to accept"),
        ("OWNER-LEFT, MERGED", "leads moved because their owner left; leads merged into another"),
    ]

    static var lines: [String] {
        let width = entries.map(\.heading.count).max() ?? 0
        return ["Legend (docs/reports.md defines each figure)"]
            + entries.map { "  " + $0.heading + String(repeating: " ", count: width - $0.heading.count) + "  " + $0.meaning }
    }
}
