import FollowUpCore

/// Turns the merged definitions into ``FollowUpCore/Rules``: checks that the
/// set is complete and every reference resolves, and reports each problem at
/// the scalar that makes the reference.
///
/// Something missing from every file has no node to point at; it is reported
/// where ``MissingPlaces`` says, and only when every file read without error:
/// a definition in a file with errors may be what is "missing".
struct RuleCompiler {
    private(set) var log = ProblemLog()
    /// Where "nothing defines X" problems are reported.
    let missing: MissingPlaces
    /// Whether to report what no file defines.
    let reportsMissing: Bool

    init(missing: MissingPlaces, reportsMissing: Bool = true) {
        self.missing = missing
        self.reportsMissing = reportsMissing
    }

    /// Records that no file defines what `section` should hold.
    private mutating func reportMissing(_ message: String, section: String) {
        guard reportsMissing else { return }
        log.error(message, at: missing.place(for: section))
    }

    /// The rules, or nil when a problem was found (the caller also refuses a
    /// set whose files had problems: definitions with errors are left out here).
    mutating func compile(_ merged: RuleFragment) -> Rules? {
        let calendars = compileCalendars(merged)
        let priorities = compilePriorities(merged)
        let policies = compilePolicies(merged, calendars: calendars)
        let triage = compileTriage(merged)
        let scoring = compileScoring(merged)
        let routing = compileRouting(merged)
        let roster = compileRoster(merged)
        if merged.fallback == nil {
            reportMissing("the rule set names no `fallback` (who receives lead.unrouted); add e.g. `fallback: sales-manager`",
                          section: "fallback")
        }
        guard !log.hasErrors, let routing, let fallback = merged.fallback else { return nil }
        return Rules(calendars: calendars, priorities: priorities, triage: triage, scoring: scoring, policies: policies,
                     routing: routing, fallback: fallback.value, roster: roster)
    }

    private mutating func compileCalendars(_ merged: RuleFragment) -> [String: BusinessCalendar] {
        if merged.calendars.isEmpty {
            reportMissing("the rule set defines no calendar; add one under `calendars:`", section: "calendars")
        }
        var out: [String: BusinessCalendar] = [:]
        for definition in merged.calendars { out[definition.name] = definition.value }
        return out
    }

    private mutating func compilePriorities(_ merged: RuleFragment) -> [PriorityTier] {
        if merged.priorities.isEmpty {
            reportMissing("the rule set defines no priority; add them under `priorities:`, highest first", section: "priorities")
        }
        return merged.priorities.compactMap(\.value)
    }

    private mutating func compilePolicies(_ merged: RuleFragment, calendars: [String: BusinessCalendar]) -> [String: Policy] {
        let known = merged.calendars.map(\.name)
        var out: [String: Policy] = [:]
        for definition in merged.policies {
            guard let draft = definition.value else { continue }
            let name = draft.calendar
            guard known.contains(name.value) else {
                log.error("policy \"\(definition.name)\" uses calendar \"\(name.value)\", which no file defines"
                          + listing(known, "calendars") + KeySuggestion.hint(for: name.value, among: known), at: name.position)
                noteLikelyMeant(name.value, at: name.position, kind: "calendar", among: merged.calendars)
                continue
            }
            // A calendar with errors of its own was already reported.
            guard let calendar = calendars[name.value] else { continue }
            out[definition.name] = Policy(name: definition.name, calendar: calendar, steps: draft.steps,
                                          callWindows: draft.callWindows, nurtureEvery: draft.nurtureEvery,
                                          autoAcknowledge: draft.autoAcknowledge, engagingOutcomes: draft.engagingOutcomes,
                                          followThrough: draft.followThrough)
        }
        return out
    }

    private mutating func compileTriage(_ merged: RuleFragment) -> [TriageRule] {
        guard let last = merged.triage.last else {
            reportMissing("the rule set has no triage rule; add `triage:` ending with a rule without `when`", section: "triage")
            return []
        }
        let priorities = merged.priorities.map(\.name)
        let policies = merged.policies.map(\.name)
        var out: [TriageRule] = []
        for rule in merged.triage {
            guard let draft = rule.value else { continue }
            if !priorities.contains(draft.priority.value) {
                log.error("triage rule \"\(rule.name)\" gives priority \"\(draft.priority.value)\", which no file defines"
                          + listing(priorities, "priorities") + KeySuggestion.hint(for: draft.priority.value, among: priorities),
                          at: draft.priority.position)
                noteLikelyMeant(draft.priority.value, at: draft.priority.position, kind: "priority", among: merged.priorities)
            }
            let policy = draft.policy?.value ?? "default"
            if !policies.contains(policy) {
                let how = draft.policy == nil ? " (rules without `policy:` follow \"default\")" : ""
                log.error("triage rule \"\(rule.name)\" follows policy \"\(policy)\"\(how), which no file defines"
                          + listing(policies, "policies") + KeySuggestion.hint(for: policy, among: policies),
                          at: draft.policy?.position ?? rule.position)
                noteLikelyMeant(policy, at: draft.policy?.position ?? rule.position, kind: "policy", among: merged.policies)
            }
            out.append(TriageRule(name: rule.name, priority: draft.priority.value, policy: policy, matcher: draft.matcher))
        }
        // First match wins, so a rule after one that matches everything never runs.
        if let index = merged.triage.firstIndex(where: { $0.value?.matcher.matchesEverything == true }) {
            let catchAll = merged.triage[index]
            for rule in merged.triage[(index + 1)...] {
                log.error("triage rule \"\(rule.name)\" is unreachable: triage rule \"\(catchAll.name)\" "
                          + "(at \(catchAll.position.shortDescription(relativeTo: rule.position))), rule #\(index + 1), "
                          + "matches every lead before it; move it above that rule or delete it", at: rule.position)
            }
        } else if merged.triage.allSatisfy({ $0.value != nil }) {
            log.error("some leads would match no triage rule; end the list with a rule without `when` "
                      + "(the last rule is \"\(last.name)\")", at: last.position)
        }
        return out
    }

    private mutating func compileScoring(_ merged: RuleFragment) -> Scoring {
        var points: [String: Int] = [:]
        for entry in merged.points { points[entry.name.value] = entry.value }
        let tiers = merged.priorities.map(\.name)
        var lifts: [(lift: ScoreLift, rank: Int)] = []
        for entry in merged.lifts {
            let name = entry.name
            guard let rank = tiers.firstIndex(of: name.value) else {
                log.error("scoring lifts to priority \"\(name.value)\", which no file defines" + listing(tiers, "priorities")
                          + KeySuggestion.hint(for: name.value, among: tiers), at: name.position)
                continue
            }
            if let tier = merged.priorities[rank].value, !tier.hasCadence {
                log.error("scoring cannot lift a lead to priority \"\(name.value)\": it is nurture-only (`cadence: false`), "
                          + "and scoring only moves leads towards the cadence", at: name.position)
                continue
            }
            lifts.append((ScoreLift(threshold: entry.value, priority: name.value), rank))
        }
        // By threshold; at one threshold the higher priority first, so the order is total.
        let sorted = lifts.sorted { ($0.lift.threshold, $0.rank) < ($1.lift.threshold, $1.rank) }.map(\.lift)
        return Scoring(points: points, lifts: sorted)
    }

    private mutating func compileRouting(_ merged: RuleFragment) -> Routing? {
        guard let team = merged.defaultTeam else {
            reportMissing("the rule set names no `routing.default_team`: leads captured without owner would have no team; "
                          + "add e.g. `routing: { default_team: sales }`", section: "routing")
            return nil
        }
        let routes = merged.teams.compactMap { route in
            route.value.map { TeamRoute(name: route.name, team: $0.team, matcher: $0.matcher) }
        }
        return Routing(defaultTeam: team.value, teams: routes,
                       strategies: merged.strategies.compactMapValues { TeamStrategy(rawValue: $0.value) })
    }

    /// The roster, with backups checked: one naming a rep the files do not
    /// declare is a note (the rep may arrive as an event); a cycle is an error.
    private mutating func compileRoster(_ merged: RuleFragment) -> [Rep] {
        let drafts = merged.reps.compactMap { definition in definition.value.map { (definition, $0) } }
        let byID = Dictionary(drafts.map { ($0.1.rep.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (definition, draft) in drafts {
            if let backup = draft.backup, backup.value != draft.rep.id, byID[backup.value] == nil {
                log.note("backup \"\(backup.value)\" of rep \"\(definition.name)\" is not in the roster; "
                         + "it must arrive as a rep.upserted event", at: backup.position)
            }
        }
        reportBackupCycles(drafts.map(\.1.rep), positions: Dictionary(drafts.map { ($0.1.rep.id, $0.0.position) },
                                                                        uniquingKeysWith: { first, _ in first }))
        return drafts.map(\.1.rep)
    }

    /// Follows every rep's backups; a walk that comes back to a rep on its own
    /// path is a cycle, reported once, at the cycle's first rep in roster order.
    private mutating func reportBackupCycles(_ roster: [Rep], positions: [RepID: SourcePlace]) {
        let byID = Dictionary(roster.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(roster.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var done: Set<RepID> = []
        for start in roster where !done.contains(start.id) {
            var path: [RepID] = []
            var current = start.id
            var loopStart: Int?
            while let rep = byID[current], !done.contains(current) {
                if let seen = path.firstIndex(of: current) {
                    loopStart = seen
                    break
                }
                path.append(current)
                // Naming oneself is reported where it is written; it is not a cycle of others.
                guard let next = rep.backup, next != current else { break }
                current = next
            }
            if let loopStart {
                let cycle = Array(path[loopStart...])
                let first = cycle.min { (order[$0] ?? 0) < (order[$1] ?? 0) } ?? cycle[0]
                let pivot = cycle.firstIndex(of: first) ?? 0
                let rotated = Array(cycle[pivot...] + cycle[..<pivot]) + [first]
                log.error("backup cycle \(rotated.joined(separator: " → ")): escalation along these backups never "
                          + "reaches anyone new; end the chain with a rep who has no backup in the cycle",
                          at: positions[first] ?? missing.place(for: "reps"))
            }
            done.formUnion(path)
        }
    }

    /// For a name no file defines: a note at the definition it most likely
    /// means, when that is in another file. A typo made while editing the
    /// definition (`offce:`) breaks the reference in a healthy file; the note
    /// names the file that was edited.
    private mutating func noteLikelyMeant<Value>(_ name: String, at reference: SourcePlace, kind: String,
                                                 among definitions: [Definition<Value>]) {
        guard let meant = KeySuggestion.closest(to: name, among: definitions.map(\.name)),
              let definition = definitions.last(where: { $0.name == meant }),
              definition.position.file != reference.file
        else { return }
        log.note("\(kind) \"\(meant)\" is defined here; \(reference) names \"\(name)\"", at: definition.position)
    }

    /// ` (calendars: office, branch)`, or ` (none is defined)`.
    private func listing(_ names: [String], _ kind: String) -> String {
        names.isEmpty ? " (no \(kind) are defined)" : " (\(kind): \(names.joined(separator: ", ")))"
    }
}
