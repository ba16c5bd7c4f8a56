/// A whole, validated rule set: everything the engine decides with.
///
/// `FollowUpRules` builds it from the files in `rules.d`; tests build it in
/// code. It is a value: a reload swaps one `Rules` for another.
public struct Rules: Sendable {
    /// The fields live in one box, copied on write: the engine copies the
    /// rules into every pass (each event and timer), and a copy is then one
    /// retain instead of one per field (measured: a tenth of simulate's time).
    private var box: RulesBox

    /// Business calendars by name.
    public var calendars: [String: BusinessCalendar] {
        get { box.calendars }
        set { uniqueBox().calendars = newValue }
    }
    /// Priorities, highest first. Lifts only ever move a lead towards the front.
    public var priorities: [PriorityTier] {
        get { box.priorities }
        set { uniqueBox().priorities = newValue }
    }
    /// Triage rules in order; the first that matches a lead decides its priority and policy.
    public var triage: [TriageRule] {
        get { box.triage }
        set { uniqueBox().triage = newValue }
    }
    /// Points per activity and the score thresholds that lift priority.
    public var scoring: Scoring {
        get { box.scoring }
        set { uniqueBox().scoring = newValue }
    }
    /// Cadence policies by name.
    public var policies: [String: Policy] {
        get { box.policies }
        set {
            let b = uniqueBox()
            b.policies = newValue
            b.onlyPolicy = Self.only(newValue)
        }
    }
    /// The policy when there is exactly one: most rule sets, and the engine asks
    /// for a lead's policy several times per notification.
    public var onlyPolicy: Policy? { box.onlyPolicy }
    /// Which team gets a lead captured without owner.
    public var routing: Routing {
        get { box.routing }
        set { uniqueBox().routing = newValue }
    }
    /// Who gets `lead.unrouted` and the notifications of leads without owner.
    public var fallback: String {
        get { box.fallback }
        set { uniqueBox().fallback = newValue }
    }
    /// Reps the rule files declare; events can add and change reps on top.
    public var roster: [Rep] {
        get { box.roster }
        set { uniqueBox().roster = newValue }
    }
    /// A short fingerprint of the sources, shown in metrics and `status`.
    public var version: String {
        get { box.version }
        set { uniqueBox().version = newValue }
    }
    /// Where the engine looks up the zones leads and reps name: passed in
    /// with the rules rather than read from a process-wide catalog, so two
    /// rule sets (a reload, a test) never share hidden state.
    public var zones: ZoneCatalog {
        get { box.zones }
        set { uniqueBox().zones = newValue }
    }

    public init(calendars: [String: BusinessCalendar], priorities: [PriorityTier], triage: [TriageRule],
                scoring: Scoring, policies: [String: Policy], routing: Routing, fallback: String,
                roster: [Rep] = [], version: String = "code", zones: ZoneCatalog = ZoneCatalog()) {
        box = RulesBox(calendars: calendars, priorities: priorities, triage: triage, scoring: scoring,
                       policies: policies, onlyPolicy: Self.only(policies), routing: routing, fallback: fallback,
                       roster: roster, version: version, zones: zones)
    }

    private mutating func uniqueBox() -> RulesBox {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    private static func only(_ policies: [String: Policy]) -> Policy? {
        policies.count == 1 ? policies.values.first : nil
    }

    /// The tier named `name`.
    public func priority(named name: String) -> PriorityTier? {
        priorities.first { $0.name == name }
    }

    /// 0 for the highest priority; larger is lower. Unknown names rank last.
    public func rank(of priority: String) -> Int {
        priorities.firstIndex { $0.name == priority } ?? priorities.count
    }
}

/// A priority and the first-touch time it promises.
public struct PriorityTier: Hashable, Sendable {
    public var name: String
    /// Business time allowed for the first touch; nil for nurture-only leads,
    /// which get no cadence and are never lifted by scoring.
    public var firstTouch: TimeSpan?

    public init(name: String, firstTouch: TimeSpan?) {
        self.name = name
        self.firstTouch = firstTouch
    }

    /// Whether leads of this priority get the cadence.
    public var hasCadence: Bool { firstTouch != nil }
}

/// A test on a lead's profile. A rule's conditions are alternatives (any
/// matches); the tests inside one alternative must all hold.
public enum LeadCondition: Hashable, Sendable {
    /// The source is one of these.
    case sourceIn(Set<String>)
    /// `company_size` is at least this.
    case companySizeAtLeast(Int)
    /// `need` is one of these.
    case needIn(Set<String>)
    /// Every one of these fields is absent or empty.
    case missing([String])
    /// `stage` is one of these.
    case stageIn(Set<String>)
    /// The string attribute `key` (a field the core does not know, e.g. `country`) is one of these.
    case attributeIn(String, Set<String>)

    /// Whether the lead passes this test.
    public func holds(for lead: LeadProfile) -> Bool {
        switch self {
        case .sourceIn(let s): s.contains(lead.source)
        case .companySizeAtLeast(let n): (lead.companySize ?? Int.min) >= n
        case .needIn(let s): lead.need.map(s.contains) ?? false
        case .missing(let fields): fields.allSatisfy { lead.field($0) == nil }
        case .stageIn(let s): lead.stage.map(s.contains) ?? false
        case .attributeIn(let key, let s):
            if case .string(let v)? = lead.attributes[key] { s.contains(v) } else { false }
        }
    }
}

/// A set of alternatives, each a conjunction of ``LeadCondition``s; empty matches every lead.
public struct LeadMatcher: Hashable, Sendable {
    public var alternatives: [[LeadCondition]]

    public init(alternatives: [[LeadCondition]]) { self.alternatives = alternatives }

    /// Matches every lead.
    public static let always = LeadMatcher(alternatives: [])

    public var matchesEverything: Bool { alternatives.isEmpty || alternatives.contains { $0.isEmpty } }

    /// Whether `lead` satisfies one of the alternatives, and which (its index), for `explain`.
    public func match(_ lead: LeadProfile) -> Int? {
        if alternatives.isEmpty { return 0 }
        return alternatives.firstIndex { $0.allSatisfy { $0.holds(for: lead) } }
    }
}

/// One triage rule: leads it matches get `priority` and follow `policy`.
public struct TriageRule: Hashable, Sendable {
    public var name: String
    public var priority: String
    public var policy: String
    public var matcher: LeadMatcher

    public init(name: String, priority: String, policy: String, matcher: LeadMatcher) {
        self.name = name
        self.priority = priority
        self.policy = policy
        self.matcher = matcher
    }
}

/// Activity points and the thresholds that lift priority.
public struct Scoring: Hashable, Sendable {
    /// Points per activity name; unknown actions score 0.
    public var points: [String: Int]
    /// (threshold, priority): a score at or above the threshold lifts the lead to at least that priority.
    public var lifts: [ScoreLift]

    public init(points: [String: Int], lifts: [ScoreLift]) {
        self.points = points
        self.lifts = lifts
    }
}

/// "A score of at least `threshold` lifts a lead to at least `priority`."
public struct ScoreLift: Hashable, Sendable {
    public var threshold: Int
    public var priority: String

    public init(threshold: Int, priority: String) {
        self.threshold = threshold
        self.priority = priority
    }
}

/// Which team a lead without owner goes to.
public struct Routing: Hashable, Sendable {
    public var defaultTeam: String
    /// First match wins; no match means ``defaultTeam``.
    public var teams: [TeamRoute]
    /// How each team shares its leads; a team not named uses round robin.
    public var strategies: [String: TeamStrategy]

    public init(defaultTeam: String, teams: [TeamRoute] = [], strategies: [String: TeamStrategy] = [:]) {
        self.defaultTeam = defaultTeam
        self.teams = teams
        self.strategies = strategies
    }

    /// The team routing gives a lead with this profile: its own `team`, else
    /// the first matching route's, else the default team.
    public func team(for profile: LeadProfile) -> String {
        profile.team ?? teams.first { $0.matcher.match(profile) != nil }?.team ?? defaultTeam
    }

    /// `team`'s strategy.
    public func strategy(of team: String) -> TeamStrategy { strategies[team] ?? .roundRobin }
}

/// "Leads like this go to that team."
public struct TeamRoute: Hashable, Sendable {
    public var name: String
    public var team: String
    public var matcher: LeadMatcher

    public init(name: String, team: String, matcher: LeadMatcher) {
        self.name = name
        self.team = team
        self.matcher = matcher
    }
}

/// The storage of ``Rules``. Only ``Rules`` mutates it, and only after making
/// sure no other `Rules` shares it, so sharing it across threads is safe.
final class RulesBox: @unchecked Sendable {
    var calendars: [String: BusinessCalendar]
    var priorities: [PriorityTier]
    var triage: [TriageRule]
    var scoring: Scoring
    var policies: [String: Policy]
    var onlyPolicy: Policy?
    var routing: Routing
    var fallback: String
    var roster: [Rep]
    var version: String
    var zones: ZoneCatalog

    init(calendars: [String: BusinessCalendar], priorities: [PriorityTier], triage: [TriageRule], scoring: Scoring,
         policies: [String: Policy], onlyPolicy: Policy?, routing: Routing, fallback: String, roster: [Rep], version: String,
         zones: ZoneCatalog) {
        self.calendars = calendars
        self.priorities = priorities
        self.triage = triage
        self.scoring = scoring
        self.policies = policies
        self.onlyPolicy = onlyPolicy
        self.routing = routing
        self.fallback = fallback
        self.roster = roster
        self.version = version
        self.zones = zones
    }

    func copy() -> RulesBox {
        RulesBox(calendars: calendars, priorities: priorities, triage: triage, scoring: scoring, policies: policies,
                 onlyPolicy: onlyPolicy, routing: routing, fallback: fallback, roster: roster, version: version,
                 zones: zones)
    }
}
