import HeapModule

/// An ``EngineWorld`` held in memory, with a timer queue: what `simulate`
/// and `explain` run on, and what the core's tests drive.
///
/// Timers are kept in a binary heap with lazy invalidation: saving a lead whose
/// timers changed bumps its version and pushes the new ones; entries of older
/// versions are skipped when they surface. That keeps each event O(log n).
public struct MemoryWorld: TimedWorld, Sendable {
    public var team: TeamState
    private var leads: [LeadState] = []
    private var index: [LeadID: Int] = [:]
    private var versions: [UInt32] = []
    /// Leads ever assigned to a rep (by index); filtered on read.
    private var ownedBy: [RepID: [Int]] = [:]
    /// Per owner, how many of their leads are in cadence (kept on every save).
    private var cadence: [RepID: Int] = [:]
    private var queue = Heap<QueuedTimer>()
    /// The index of the lead last surfaced by ``nextTimer()`` or saved: the
    /// engine asks for that lead next, and an id compare is cheaper than a hash.
    private var recent = 0

    public init(team: TeamState) {
        self.team = team
    }

    /// How many leads were captured.
    public var leadCount: Int { leads.count }

    /// All leads in capture order.
    public var allLeads: [LeadState] { leads }

    public func lead(_ id: LeadID) -> LeadState? {
        slot(of: id).map { leads[$0] }
    }

    public func hasLead(_ id: LeadID) -> Bool { slot(of: id) != nil }

    /// Hands the lead over and drops the world's hold on its arrays (the
    /// stored state keeps everything else until ``save(_:)``), so the engine's
    /// changes to them copy nothing: one allocation per notification less,
    /// measured in `simulate`.
    public mutating func takeLead(_ id: LeadID) -> LeadState? {
        guard let i = slot(of: id) else { return nil }
        let lead = leads[i]
        leads[i].counters = []
        leads[i].had = []
        return lead
    }

    private func slot(of id: LeadID) -> Int? {
        if recent < leads.count, leads[recent].id == id { return recent }
        return index[id]
    }

    public mutating func save(_ lead: consuming LeadState) {
        let signature = lead.timerSignature
        if let i = slot(of: lead.id) {
            recent = i
            // Read in place: copying the old state would retain every field.
            let oldOwner = leads[i].owner
            let wasInCadence = leads[i].isInCadence
            if oldOwner != lead.owner || wasInCadence != lead.isInCadence {
                if let owner = oldOwner, wasInCadence { cadence[owner, default: 0] -= 1 }
                if let owner = lead.owner, lead.isInCadence { cadence[owner, default: 0] += 1 }
            }
            if let owner = lead.owner, owner != oldOwner { ownedBy[owner, default: []].append(i) }
            let retime = leads[i].timerSignature != signature
            let seq = lead.seq
            leads[i] = consume lead
            if retime {
                versions[i] &+= 1
                push(signature, seq: seq, index: i)
            }
        } else {
            let i = leads.count
            if let owner = lead.owner, lead.isInCadence { cadence[owner, default: 0] += 1 }
            index[lead.id] = i
            if let owner = lead.owner { ownedBy[owner, default: []].append(i) }
            let seq = lead.seq
            leads.append(consume lead)
            versions.append(0)
            recent = i
            push(signature, seq: seq, index: i)
        }
    }

    public func leadsAwaitingFirstTouch(ownedBy rep: RepID) -> [LeadState] {
        var seen = Set<Int>()
        return (ownedBy[rep] ?? []).sorted().compactMap { i in
            guard seen.insert(i).inserted, leads[i].owner == rep, leads[i].awaitsFirstTouch else { return nil }
            return leads[i]
        }
    }

    public mutating func leads(ownedBy rep: RepID) -> [LeadState] {
        var seen = Set<Int>()
        return (ownedBy[rep] ?? []).sorted().compactMap { i in
            guard seen.insert(i).inserted, leads[i].owner == rep, !leads[i].status.isFinal else { return nil }
            return leads[i]
        }
    }

    public mutating func leadsInCadence(of rep: RepID) -> Int { cadence[rep] ?? 0 }

    /// The earliest pending timer, if any (stale entries are dropped on the way):
    /// a rep's planned availability change, or a lead's.
    public mutating func nextTimer() -> LeadTimer? {
        let change = team.timers.first
        while let top = queue.min {
            let i = Int(top.index)
            if versions[i] == top.version {
                recent = i
                let timer = LeadTimer(at: Instant(secondsSinceEpoch: top.at), leadSeq: leads[i].seq, lead: leads[i].id, kind: top.kind)
                return change.map { $0 < timer ? $0 : timer } ?? timer
            }
            _ = queue.popMin()
        }
        return change
    }

    public mutating func takeTimer(dueBefore limit: Instant, inclusive: Bool) -> LeadTimer? {
        guard let timer = nextTimer(), timer.at < limit || (inclusive && timer.at == limit) else { return nil }
        popTimer(timer)
        return timer
    }

    /// Removes `timer`, the earliest pending one (after ``nextTimer()`` returned it).
    /// A rep's change is removed by firing it (the engine clears it from the team).
    public mutating func popTimer(_ timer: LeadTimer) {
        if timer.kind != .availabilityChange { _ = queue.popMin() }
    }

    private mutating func push(_ signature: TimerSignature, seq: Int64, index i: Int) {
        let version = versions[i]
        signature.forEachTimer { at, kind in
            queue.insert(QueuedTimer(at: at.secondsSinceEpoch, leadSeq: seq, kind: kind, index: UInt32(i), version: version))
        }
    }
}

/// A heap entry: the timer without its lead id (the index finds it), and the
/// lead version it belongs to. Kept small because stale entries linger.
struct QueuedTimer: Comparable, Sendable {
    var at: Int64
    var leadSeq: Int64
    var kind: LeadTimer.Kind
    var index: UInt32
    var version: UInt32

    static func < (lhs: QueuedTimer, rhs: QueuedTimer) -> Bool {
        if lhs.at != rhs.at { return lhs.at < rhs.at }
        if lhs.leadSeq != rhs.leadSeq { return lhs.leadSeq < rhs.leadSeq }
        return lhs.kind.order < rhs.kind.order
    }

    static func == (lhs: QueuedTimer, rhs: QueuedTimer) -> Bool {
        lhs.at == rhs.at && lhs.leadSeq == rhs.leadSeq && lhs.kind == rhs.kind && lhs.index == rhs.index && lhs.version == rhs.version
    }
}
