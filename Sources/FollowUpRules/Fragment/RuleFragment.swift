import FollowUpCore

/// What one rule file says, read and checked on its own, still carrying the
/// positions that later checks (merging, cross-references) report problems at.
/// The merger combines fragments into one of the same shape, which the
/// compiler then checks as a whole.
///
/// Every section is optional in a file; only the merged set must be complete.
struct RuleFragment {
    var calendars: [Definition<BusinessCalendar>] = []
    /// In order of first definition: the order priorities rank in.
    var priorities: [Definition<PriorityTier>] = []
    var triage: [Definition<TriageDraft>] = []
    var points: [ScoreEntry] = []
    var lifts: [ScoreEntry] = []
    var policies: [Definition<PolicyDraft>] = []
    var defaultTeam: Located<String>?
    var teams: [Definition<TeamRouteDraft>] = []
    /// `routing.strategies`: team name → strategy (already checked), where each is written.
    var strategies: [String: Located<String>] = [:]
    var fallback: Located<String>?
    var reps: [Definition<RepDraft>] = []

    // Where things are, for problems about what no file defines (``MissingPlaces``).
    /// Where each top-level section's key is written.
    var sectionKeys: [String: SourcePlace] = [:]
    /// The line after the file's last, where a missing section would be added.
    var end = SourcePlace.whole("")
    /// Whether the file could not be read as a mapping of sections at all (a
    /// YAML syntax error): what it defines is unknown, so "no file defines X"
    /// would be a guess.
    var isUnreadable = false
}

/// A named definition as a file wrote it.
///
/// `value` is nil when the definition had errors (already reported): the name
/// still counts, so references to it do not pile up more errors.
struct Definition<Value> {
    var name: String
    /// Where the name is written: overrides and references point here.
    var position: SourcePlace
    var value: Value?
    /// For ordered lists (triage rules, team routes): the rule to insert this one before.
    var before: Located<String>?
}

/// A triage rule before its priority and policy are known to exist.
struct TriageDraft {
    var priority: Located<String>
    /// Nil when the rule does not say: it then follows the policy `default`.
    var policy: Located<String>?
    var matcher: LeadMatcher
}

/// A team route before the set is complete.
struct TeamRouteDraft {
    var team: String
    var matcher: LeadMatcher
}

/// A policy whose calendar is still a name: calendars may come from another file.
struct PolicyDraft {
    var calendar: Located<String>
    var steps: [StepRule]
    var callWindows: CallWindows
    var nurtureEvery: TimeSpan
    var autoAcknowledge: Bool
    var engagingOutcomes: Set<Outcome>
    var followThrough: FollowThrough
}

/// A roster entry and where its backup is named.
struct RepDraft {
    var rep: Rep
    var backup: Located<String>?
}

/// `name: number` under `scoring.points` or `scoring.lifts`.
struct ScoreEntry {
    var name: Located<String>
    var value: Int
}
