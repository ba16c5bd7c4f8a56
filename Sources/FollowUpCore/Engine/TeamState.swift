/// What the engine knows about reps: who they are, whether they are away, and
/// the round-robin pointers. Small enough to keep whole in memory and to save
/// with every event.
public struct TeamState: Hashable, Sendable {
    /// A rep and their availability; `seq` is the order they were first upserted.
    public struct Member: Hashable, Sendable {
        public var rep: Rep
        public var availability: Availability
        public var seq: Int
        /// Left for good (`rep.deactivated`) until upserted again.
        public var deactivated: Bool
        /// A planned availability change (`from` set) and the order its event was accepted in.
        public var scheduled: Availability?
        public var scheduledSeq: Int

        public init(rep: Rep, availability: Availability, seq: Int, deactivated: Bool = false,
                    scheduled: Availability? = nil, scheduledSeq: Int = 0) {
            self.rep = rep
            self.availability = availability
            self.seq = seq
            self.deactivated = deactivated
            self.scheduled = scheduled
            self.scheduledSeq = scheduledSeq
        }
    }

    public var members: [RepID: Member]
    /// Per team, the rep round robin chose last.
    public var roundRobin: [String: RepID]
    /// The next rep sequence number.
    public var nextRepSeq: Int
    /// The next lead's capture-order number.
    public var nextLeadSeq: Int64
    /// The next planned availability change's number (their order within an instant).
    public var nextChangeSeq: Int = 0
    /// Per `weighted` team, each rep's running total (smooth weighted round robin).
    public var weightedTotals: [String: [RepID: Int]] = [:]
    /// Reps with a planned change, so ``timers`` costs nothing when there is none.
    private var scheduledReps: Set<RepID> = []
    /// Rep ids in the order they were first upserted (the round-robin roster order).
    public private(set) var order: [RepID] = []
    /// Per team, its reps in roster order: derived from `order`, kept because
    /// round robin reads it for every lead captured without owner.
    private var rosters: [String: [RosterEntry]] = [:]

    /// A rep's place in a team roster.
    struct RosterEntry: Hashable, Sendable {
        var id: RepID
        var seq: Int
    }

    public init(members: [RepID: Member] = [:], roundRobin: [String: RepID] = [:], nextRepSeq: Int = 0, nextLeadSeq: Int64 = 0) {
        self.members = members
        self.roundRobin = roundRobin
        self.nextRepSeq = nextRepSeq
        self.nextLeadSeq = nextLeadSeq
        self.order = members.values.sorted { $0.seq < $1.seq }.map(\.rep.id)
        self.scheduledReps = Set(members.values.filter { $0.scheduled != nil }.map(\.rep.id))
        rebuildRosters()
    }

    private mutating func rebuildRosters() {
        rosters = [:]
        for id in order {
            guard let m = members[id] else { continue }
            rosters[m.rep.team ?? "", default: []].append(RosterEntry(id: id, seq: m.seq))
        }
    }

    /// The team state a rule set's roster starts with.
    public init(roster: [Rep]) {
        self.init()
        for rep in roster { upsert(rep) }
    }

    /// Adds a rep or changes their details; availability and roster position
    /// stay. A deactivated rep upserted again is active again.
    public mutating func upsert(_ rep: Rep) {
        if var m = members[rep.id] {
            let moved = m.rep.team != rep.team
            m.rep = rep
            m.deactivated = false
            members[rep.id] = m
            if moved { rebuildRosters() }
        } else {
            members[rep.id] = Member(rep: rep, availability: .available, seq: nextRepSeq)
            order.append(rep.id)
            rosters[rep.team ?? "", default: []].append(RosterEntry(id: rep.id, seq: nextRepSeq))
            nextRepSeq += 1
        }
    }

    /// Whether `rep` takes leads at `now`. A rep the engine has never heard of
    /// counts as available: a CRM may name owners before they are upserted, and
    /// the lead must still reach someone.
    public func isAvailable(_ rep: RepID, at now: Instant) -> Bool {
        guard let m = members[rep] else { return true }
        return !m.deactivated && m.availability.isAvailable(at: now)
    }

    /// Plans `change` (its `from` set) for `rep`, replacing any pending one.
    public mutating func schedule(_ change: Availability, for rep: RepID) {
        guard members[rep] != nil else { return }
        members[rep]?.scheduled = change
        members[rep]?.scheduledSeq = nextChangeSeq
        nextChangeSeq += 1
        scheduledReps.insert(rep)
    }

    /// Drops `rep`'s pending change, if any.
    public mutating func unschedule(_ rep: RepID) {
        guard members[rep]?.scheduled != nil else { return }
        members[rep]?.scheduled = nil
        scheduledReps.remove(rep)
    }

    /// Whether `rep` has left for good.
    public func isDeactivated(_ rep: RepID) -> Bool { members[rep]?.deactivated ?? false }

    /// Planned availability changes, as timers: before every lead's timer of
    /// the same instant, in the order their events were accepted.
    public var timers: [LeadTimer] {
        guard !scheduledReps.isEmpty else { return [] }
        return scheduledReps.compactMap { members[$0] }.compactMap { m in
            m.scheduled?.from.map {
                LeadTimer(at: $0, leadSeq: Int64.min + Int64(m.scheduledSeq), lead: m.rep.id, kind: .availabilityChange)
            }
        }.sorted()
    }

    /// The escalation chain of `rep`: their backup, that rep's backup, and so on,
    /// stopping at a repeat (the rep themselves included) or at a rep nobody upserted.
    public func chain(of rep: RepID) -> [RepID] {
        var seen: Set<RepID> = [rep]
        var out: [RepID] = []
        var cursor = members[rep]?.rep.backup
        while let next = cursor, !seen.contains(next), let member = members[next] {
            seen.insert(next)
            out.append(next)
            cursor = member.rep.backup
        }
        return out
    }

    /// The first rep of `rep`'s chain who is available at `now` and not in `excluded`.
    public func firstAvailable(inChainOf rep: RepID, at now: Instant, excluding excluded: [RepID] = []) -> RepID? {
        firstInChain(of: rep) { isAvailable($0, at: now) && !excluded.contains($0) }
    }

    /// The first rep of `rep`'s chain (as ``chain(of:)`` walks it) that passes
    /// `test`, without building the chain: every reminder and breach asks.
    public func firstInChain(of rep: RepID, where test: (RepID) -> Bool) -> RepID? {
        var cursor = members[rep]?.rep.backup
        var steps = 0
        while let next = cursor, next != rep, steps < members.count, let member = members[next] {
            if test(next) { return next }
            cursor = member.rep.backup
            steps += 1
        }
        return nil
    }

    /// The team's reps in the order they were first upserted.
    public func roster(of team: String) -> [RepID] {
        (rosters[team] ?? []).map(\.id)
    }

    /// Round robin: the next available rep of `team` after the one chosen last;
    /// moves the pointer. Nil (pointer unchanged) when the whole team is away.
    public mutating func nextByRoundRobin(in team: String, at now: Instant) -> RepID? {
        pick(in: team, strategy: .roundRobin, at: now, eligible: { _ in true }, load: { _ in 0 })
    }

    /// The team's next rep by its strategy, among reps available at `now` and
    /// `eligible` (below capacity, new to the lead…); moves the pointer (and
    /// weighted totals). Nil, changing nothing, when nobody qualifies.
    public mutating func pick(in team: String, strategy: TeamStrategy, at now: Instant,
                              eligible: (RepID) -> Bool, load: (RepID) -> Int) -> RepID? {
        guard let roster = rosters[team], !roster.isEmpty else { return nil }
        if strategy == .roundRobin {
            // After the last pick; if it left the team, after where it stood in the roster order.
            let lastSeq = roundRobin[team].flatMap { members[$0]?.seq } ?? -1
            let start = roster.firstIndex { $0.seq > lastSeq } ?? 0
            for k in 0..<roster.count {
                let id = roster[(start + k) % roster.count].id
                if isAvailable(id, at: now), eligible(id) {
                    roundRobin[team] = id
                    return id
                }
            }
            return nil
        }
        let candidates = roster.map(\.id).filter { isAvailable($0, at: now) && eligible($0) }
        guard !candidates.isEmpty else { return nil }
        let chosen: RepID
        switch strategy {
        case .roundRobin:
            return nil  // handled above
        case .weighted:
            var totals = weightedTotals[team] ?? [:]
            var sum = 0
            for id in candidates {
                let w = members[id]?.rep.weight ?? 1
                totals[id, default: 0] += w
                sum += w
            }
            var best = candidates[0]
            for id in candidates.dropFirst() where totals[id, default: 0] > totals[best, default: 0] { best = id }
            totals[best, default: 0] -= sum
            weightedTotals[team] = totals
            chosen = best
        case .leastOpen:
            var best = candidates[0], fewest = load(best)
            for id in candidates.dropFirst() {
                let n = load(id)
                if n < fewest { best = id; fewest = n }
            }
            chosen = best
        }
        roundRobin[team] = chosen
        return chosen
    }
}
