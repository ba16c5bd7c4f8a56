import FollowUpCore

/// `scoring:` — points per lead activity and the score thresholds that lift a
/// lead's priority. Both merge per key across files.
extension FragmentReader {
    mutating func readScoring(_ node: RuleNode, at key: SourcePlace?) {
        guard let fields = reader.fields(of: node, context: "`scoring`", allowed: ["points", "lifts"], at: key) else { return }
        if let points = fields["points"] {
            fragment.points = readScores(points, describe: { "points for \"\($0)\"" }, what: "`points` of `scoring`")
        }
        if let lifts = fields["lifts"] {
            fragment.lifts = readScores(lifts, describe: { "the lift threshold of priority \"\($0)\"" },
                                        what: "`lifts` of `scoring`")
        }
    }

    /// `name: number` entries; negative numbers are refused (a score only goes
    /// up), and numbers beyond the score bound too (``InputBounds/score``).
    private mutating func readScores(_ node: RuleNode, describe: (String) -> String, what: String) -> [ScoreEntry] {
        guard let entries = reader.entries(of: node, what: what) else { return [] }
        var out: [ScoreEntry] = []
        for entry in entries {
            guard let number = reader.integer(entry.value, what: describe(entry.key.value), minimum: 0,
                                              maximum: InputBounds.score.upperBound, key: entry.key.position)
            else { continue }
            out.append(ScoreEntry(name: entry.key, value: number.value))
        }
        return out
    }
}
