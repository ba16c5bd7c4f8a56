import FollowUpCore

/// `routing:` — which team gets a lead captured without owner: ordered team
/// routes (first match wins), else the default team; and how each team shares
/// its leads (`strategies`).
extension FragmentReader {
    mutating func readRouting(_ node: RuleNode, at key: SourcePlace?) {
        guard let fields = reader.fields(of: node, context: "`routing`", allowed: ["default_team", "teams", "strategies"], at: key)
        else { return }
        if fields.has("default_team") { fragment.defaultTeam = reader.name(fields, "default_team") }
        if let strategies = fields["strategies"] { readStrategies(strategies) }
        guard let items = reader.items(fields, "teams") else { return }
        var seen: [String: SourcePlace] = [:]
        for (index, item) in items.enumerated() {
            let context = item.peek("name").map { "team route \"\($0)\"" } ?? "team route #\(index + 1)"
            let errorsBefore = reader.log.errorCount
            // A route needs `when`: a lead that matches no route already goes to `default_team`.
            guard let route = reader.fields(of: item, context: context, allowed: ["name", "team", "when", "before"],
                                            required: ["name", "team", "when"]),
                  let name = reader.text(route, "name")
            else { continue }
            guard claim(name, kind: "team route", in: &seen) else { continue }
            let team = reader.name(route, "team")
            let insertBefore = reader.text(route, "before")
            var matcher: LeadMatcher?
            if let when = route["when"] {
                matcher = readMatcher(when, context: context, key: route.keyPosition("when") ?? name.position)
            }
            let draft: TeamRouteDraft? = if let team, let matcher, reader.log.errorCount == errorsBefore {
                TeamRouteDraft(team: team.value, matcher: matcher)
            } else {
                nil
            }
            fragment.teams.append(Definition(name: name.value, position: name.position, value: draft, before: insertBefore))
        }
    }

    /// `strategies: {sales: weighted, emea: least_open}`: a team not named uses round robin.
    private mutating func readStrategies(_ node: RuleNode) {
        guard let entries = reader.entries(of: node, what: "`strategies` of `routing`") else { return }
        let names = TeamStrategy.allCases.map(\.rawValue)
        for entry in entries {
            guard let text = reader.word(entry.value, what: "the strategy of team \"\(entry.key.value)\"") else { continue }
            guard TeamStrategy(rawValue: text.value) != nil else {
                reader.log.error("unknown strategy \"\(text.value)\" for team \"\(entry.key.value)\" (expected one of: "
                                 + "\(names.joined(separator: ", ")))" + KeySuggestion.hint(for: text.value, among: names),
                                 at: text.position)
                continue
            }
            fragment.strategies[entry.key.value] = text
        }
    }
}
