import FollowUpCore

/// Every file's fragment combined in load order, positions kept: what the
/// compiler checks for completeness and cross-references.
struct MergedRules {
    var calendars: [Definition<BusinessCalendar>] = []
    /// In order of first definition: the order priorities rank in.
    var priorities: [Definition<PriorityTier>] = []
    var triage: [Definition<TriageDraft>] = []
    var points: [ScoreEntry] = []
    var lifts: [ScoreEntry] = []
    var policies: [Definition<PolicyDraft>] = []
    var defaultTeam: Located<String>?
    var teams: [Definition<TeamRouteDraft>] = []
    var fallback: Located<String>?
    var reps: [Definition<RepDraft>] = []
}
