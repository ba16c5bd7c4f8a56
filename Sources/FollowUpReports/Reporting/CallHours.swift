public import FollowUpCore
import FollowUpFormats
/// Best time to call, from the team's own calls: the connect rate of `call`
/// touches by the lead's local weekday and hour (docs/reports.md).
///
/// A call connects when its outcome is `connected`, `replied` or `meeting`;
/// every logged `call` touch counts as a call (a bounced one too: the rep
/// dialled). Times are the lead's own zone, else its policy calendar's — the
/// clock call windows are planned on — so the figures compare directly with
/// the shipped windows (Wed/Thu 16–17, then 07:30–08:30).
public struct CallHours: Sendable, Hashable {
    /// One weekday × hour with at least one call.
    public struct Cell: Sendable, Hashable {
        public var weekday: Weekday
        /// 0–23, the local hour the call started in.
        public var hour: Int
        public var calls: Int
        public var connects: Int
        /// The first call-window rank of the default policy with a slot in this
        /// hour on this weekday (`best`), nil outside every window.
        public var window: String?
        public var rate: Ratio { Ratio(connects, of: calls) }
    }

    /// Cells with calls, Monday first, then by hour.
    public var cells: [Cell]
    /// The default policy's call windows, for comparison.
    public var windows: [CallWindowRank]

    public var calls: Int { cells.reduce(0) { $0 + $1.calls } }
    public var connects: Int { cells.reduce(0) { $0 + $1.connects } }
    public var rate: Ratio { Ratio(connects, of: calls) }

    public init(cells: [Cell], windows: [CallWindowRank] = []) {
        self.cells = cells
        self.windows = windows
    }

    /// The outcomes that reached the person.
    public static let connecting: Set<Outcome> = [.connected, .replied, .meeting]

    /// The call touches of `facts` (merged-away leads left out, as in every
    /// report figure) placed on each lead's local clock.
    public static func make(facts: [LeadFacts], rules: Rules) -> CallHours {
        var counts: [Int: (calls: Int, connects: Int)] = [:]
        for fact in facts where fact.lead.status != .merged {
            for (key, c) in slots(of: fact, rules: rules) {
                counts[key, default: (0, 0)].calls += c.calls
                counts[key, default: (0, 0)].connects += c.connects
            }
        }
        return make(counts: counts, rules: rules)
    }

    /// One lead's calls and connects by local weekday × hour (key: weekday index × 24 + hour).
    static func slots(of fact: LeadFacts, rules: Rules) -> [Int: (calls: Int, connects: Int)] {
        var counts: [Int: (calls: Int, connects: Int)] = [:]
        let calls = fact.touches.filter { $0.channel == .call }
        guard !calls.isEmpty else { return counts }
        let zone = rules.zone(for: fact.lead, policy: rules.policy(for: fact.lead))
        for call in calls {
            let local = zone.local(call.at)
            let key = local.date.weekday.index * 24 + Int(min(local.secondOfDay, 86_399) / 3_600)
            var c = counts[key] ?? (0, 0)
            c.calls += 1
            if connecting.contains(call.outcome) { c.connects += 1 }
            counts[key] = c
        }
        return counts
    }

    /// The cells of `counts` (calls and connects per weekday × hour key), with the default policy's windows.
    static func make(counts: [Int: (calls: Int, connects: Int)], rules: Rules) -> CallHours {
        let windows = rules.readerPolicy?.callWindows.ranks ?? []
        let cells = counts.keys.sorted().map { key in
            let weekday = Weekday.allCases[key / 24]
            return Cell(weekday: weekday, hour: key % 24, calls: counts[key]!.calls, connects: counts[key]!.connects,
                        window: rank(of: windows, on: weekday, hour: key % 24))
        }
        return CallHours(cells: cells, windows: windows)
    }

    /// The first rank with a slot overlapping `hour`:00–`hour+1`:00 on `weekday`.
    public static func rank(of windows: [CallWindowRank], on weekday: Weekday, hour: Int) -> String? {
        let start = hour * 60, end = start + 60
        return windows.first { rank in
            rank.days.contains(weekday) && rank.hours.contains { $0.from.minutes < end && $0.to.minutes > start }
        }?.name
    }
}
