/// Combines fragments in load order (files in lexical order): the way an admin
/// overrides a shipped default by dropping a later file next to it.
///
/// - Named items (calendars, priorities, policies, triage rules, team routes,
///   reps) replace an earlier item of the same name whole, in its place, with
///   a note pointing at the one replaced. New items append, or go where
///   `before:` says (triage rules, team routes).
/// - Scalars (`fallback`, `routing.default_team`): the later file wins, with a note.
/// - `scoring.points` and `scoring.lifts` merge key by key.
struct RuleMerger {
    private(set) var merged = RuleFragment()
    private(set) var log = ProblemLog()

    mutating func add(_ fragment: RuleFragment) {
        for item in fragment.calendars { Self.define(item, in: &merged.calendars, kind: "calendar", log: &log) }
        for item in fragment.priorities { Self.define(item, in: &merged.priorities, kind: "priority", log: &log) }
        for item in fragment.triage { Self.define(item, in: &merged.triage, kind: "triage rule", log: &log) }
        for entry in fragment.points { Self.set(entry, in: &merged.points, kind: "points for", log: &log) }
        for entry in fragment.lifts { Self.set(entry, in: &merged.lifts, kind: "the lift to", log: &log) }
        for item in fragment.policies { Self.define(item, in: &merged.policies, kind: "policy", log: &log) }
        if let team = fragment.defaultTeam { Self.replace(&merged.defaultTeam, with: team, kind: "routing.default_team", log: &log) }
        for item in fragment.teams { Self.define(item, in: &merged.teams, kind: "team route", log: &log) }
        for team in fragment.strategies.keys.sorted() {
            Self.replace(&merged.strategies[team], with: fragment.strategies[team]!, kind: "routing.strategies.\(team)", log: &log)
        }
        if let fallback = fragment.fallback { Self.replace(&merged.fallback, with: fallback, kind: "fallback", log: &log) }
        for item in fragment.reps { Self.define(item, in: &merged.reps, kind: "rep", log: &log) }
    }

    /// Adds or replaces a named item, honouring `before:`.
    private static func define<Value>(_ item: Definition<Value>, in list: inout [Definition<Value>], kind: String,
                                      log: inout ProblemLog) {
        let existing = list.firstIndex { $0.name == item.name }
        if let existing {
            log.note("\(kind) \"\(item.name)\" overrides the one at \(list[existing].position)", at: item.position)
        }
        guard let before = item.before, before.value != item.name else {
            if let before = item.before {
                log.error("\(kind) \"\(item.name)\" cannot go before itself", at: before.position)
            }
            if let existing { list[existing] = item } else { list.append(item) }
            return
        }
        if let existing { list.remove(at: existing) }
        guard let target = list.firstIndex(where: { $0.name == before.value }) else {
            let hint = KeySuggestion.hint(for: before.value, among: list.map(\.name))
            log.error("\(kind) \"\(item.name)\" should go before \"\(before.value)\", but no \(kind) of that name "
                      + "is defined before it\(hint)", at: before.position)
            list.append(item)
            return
        }
        list.insert(item, at: target)
    }

    /// Sets one key of a per-key map, noting an override.
    private static func set(_ entry: ScoreEntry, in list: inout [ScoreEntry], kind: String, log: inout ProblemLog) {
        if let old = list.firstIndex(where: { $0.name.value == entry.name.value }) {
            log.note("\(kind) \"\(entry.name.value)\" (\(entry.value)) overrides \(list[old].value) "
                     + "set at \(list[old].name.position)", at: entry.name.position)
            list[old] = entry
        } else {
            list.append(entry)
        }
    }

    /// A scalar setting: the later file wins.
    private static func replace(_ slot: inout Located<String>?, with value: Located<String>, kind: String,
                                log: inout ProblemLog) {
        if let old = slot {
            log.note("\(kind) \"\(value.value)\" overrides \"\(old.value)\" set at \(old.position)", at: value.position)
        }
        slot = value
    }
}
