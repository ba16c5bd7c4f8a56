/// What the engine knows about reps: who they are, whether they are away, and
/// the round-robin pointers. Small enough to keep whole in memory and to save
/// with every event.
public struct TeamState: Hashable, Sendable {
    /// A rep and their availability; `seq` is the order they were first upserted.
    public struct Member: Hashable, Sendable {
        public var rep: Rep
        public var availability: Availability
        public var seq: Int

        public init(rep: Rep, availability: Availability, seq: Int) {
            self.rep = rep
            self.availability = availability
            self.seq = seq
        }
    }

    public var members: [RepID: Member]
    /// Per team, the rep round robin chose last.
    public var roundRobin: [String: RepID]
    /// The next rep sequence number.
    public var nextRepSeq: Int
    /// The next lead's capture-order number.
    public var nextLeadSeq: Int64
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

    /// Adds a rep or changes their details; availability and roster position stay.
    public mutating func upsert(_ rep: Rep) {
        if var m = members[rep.id] {
            let moved = m.rep.team != rep.team
            m.rep = rep
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
        members[rep]?.availability.isAvailable(at: now) ?? true
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
        chain(of: rep).first { isAvailable($0, at: now) && !excluded.contains($0) }
    }

    /// The team's reps in the order they were first upserted.
    public func roster(of team: String) -> [RepID] {
        (rosters[team] ?? []).map(\.id)
    }

    /// Round robin: the next available rep of `team` after the one chosen last;
    /// moves the pointer. Nil (pointer unchanged) when the whole team is away.
    public mutating func nextByRoundRobin(in team: String, at now: Instant) -> RepID? {
        guard let roster = rosters[team], !roster.isEmpty else { return nil }
        // Start after the last pick; if it left the team, after where it stood in the roster order.
        let lastSeq = roundRobin[team].flatMap { members[$0]?.seq } ?? -1
        let start = roster.firstIndex { $0.seq > lastSeq } ?? 0
        for k in 0..<roster.count {
            let id = roster[(start + k) % roster.count].id
            if isAvailable(id, at: now) {
                roundRobin[team] = id
                return id
            }
        }
        return nil
    }
}
