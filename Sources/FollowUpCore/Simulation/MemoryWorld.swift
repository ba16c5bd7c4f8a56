/// An ``EngineWorld`` held in memory, with a timer queue: what `simulate`
/// and `explain` run on, and what the core's tests drive.
///
/// Timers are kept in a binary heap with lazy invalidation: saving a lead whose
/// timers changed bumps its version and pushes the new earliest one; entries
/// of older versions are skipped when they surface. That keeps each event
/// O(log n). Only each lead's earliest timer is queued (a merge of per-lead
/// lists: the next one is queued when the earliest fires), which keeps the
/// heap a fraction of the size of one entry per timer.
public struct MemoryWorld: TimedWorld, Sendable {
    public var team: TeamState
    private var leads: [LeadState] = []
    private var index: [LeadID: Int] = [:]
    private var versions: [UInt32] = []
    /// Leads ever assigned to a rep (by index); filtered on read.
    private var ownedBy: [RepID: [Int]] = [:]
    /// Per owner, how many of their leads are in cadence (kept on every save).
    private var cadence: [RepID: Int] = [:]
    private var queue = TimerHeap()
    /// The index of the lead last surfaced by ``nextTimer()`` or saved: the
    /// engine asks for that lead next, and an id compare is cheaper than a hash.
    private var recent = 0
    /// The lead ``takeLead(_:)`` moved out, until ``save(_:)`` moves it back.
    private var held: HeldLead?
    /// The timer ``popTimer(_:)`` took last: its lead's next timer is queued
    /// when the lead is saved unchanged (or before the next timer is looked for).
    private var fired: QueuedTimer?

    public init(team: TeamState) {
        self.team = team
    }

    /// How many leads were captured.
    public var leadCount: Int { leads.count }

    /// All leads in capture order.
    public var allLeads: [LeadState] { leads }

    public func lead(_ id: LeadID) -> LeadState? {
        // A held lead is the engine's until it is saved (its slot has a stand-in).
        guard let i = slot(of: id), held?.index != i else { return nil }
        return leads[i]
    }

    public func hasLead(_ id: LeadID) -> Bool { slot(of: id) != nil }

    /// Moves the lead out to the engine, leaving a stand-in with its id in
    /// the slot until ``save(_:)`` moves it back: neither copies the lead (a
    /// copy retains every string and array it holds, and the engine's changes
    /// to a shared array would copy that too). What `save` compares against
    /// (owner, cadence, timers) is kept aside meanwhile.
    public mutating func takeLead(_ id: LeadID) -> LeadState? {
        guard let i = slot(of: id) else { return nil }
        // One at a time (EngineWorld): a second would overwrite what the first's save compares against.
        assert(held == nil, "takeLead(\(id)) while \(leads[held!.index].id) is still taken")
        var lead = LeadState(standingInFor: leads[i].id, seq: leads[i].seq, capturedAt: leads[i].capturedAt)
        swap(&lead, &leads[i])
        recent = i
        held = HeldLead(index: i, owner: lead.owner, inCadence: lead.isInCadence, signature: lead.timerSignature)
        return lead
    }

    /// What the lead in slot `i` was when ``takeLead(_:)`` moved it out, if
    /// it is the one held (and no longer held after this).
    private mutating func takenBack(_ i: Int) -> HeldLead? {
        guard let held, held.index == i else { return nil }
        self.held = nil
        return held
    }

    private func slot(of id: LeadID) -> Int? {
        if recent < leads.count, leads[recent].id == id { return recent }
        return index[id]
    }

    public mutating func save(_ lead: consuming LeadState) {
        let signature = lead.timerSignature
        if let i = slot(of: lead.id) {
            recent = i
            let before = takenBack(i) ?? HeldLead(index: i, owner: leads[i].owner, inCadence: leads[i].isInCadence,
                                                  signature: leads[i].timerSignature)
            let oldOwner = before.owner
            let wasInCadence = before.inCadence
            if oldOwner != lead.owner || wasInCadence != lead.isInCadence {
                if let owner = oldOwner, wasInCadence { cadence[owner, default: 0] -= 1 }
                if let owner = lead.owner, lead.isInCadence { cadence[owner, default: 0] += 1 }
            }
            if let owner = lead.owner, owner != oldOwner { ownedBy[owner, default: []].append(i) }
            let retime = before.signature != signature
            let seq = lead.seq
            leads[i] = consume lead
            if retime {
                versions[i] &+= 1
                push(signature, seq: seq, index: i)
            }
            if let fired, Int(fired.index) == i {
                self.fired = nil
                if !retime { push(signature, seq: seq, index: i, after: fired) }
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
        if let fired {
            // Taken but its lead never saved: queue what comes after it.
            self.fired = nil
            let i = Int(fired.index)
            if versions[i] == fired.version {
                let signature = leads.withUnsafeBufferPointer { $0[i].timerSignature }
                push(signature, seq: fired.leadSeq, index: i, after: fired)
            }
        }
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
        if timer.kind != .availabilityChange { fired = queue.popMin() }
    }

    /// Queues the lead's earliest timer, or with `after` its earliest one
    /// that comes after that one (its timers have distinct kinds, so
    /// time and kind order them).
    private mutating func push(_ signature: TimerSignature, seq: Int64, index i: Int, after: QueuedTimer? = nil) {
        var earliest: QueuedTimer?
        signature.forEachTimer { at, kind in
            let entry = QueuedTimer(at: at.secondsSinceEpoch, leadSeq: seq, kind: kind, index: UInt32(i), version: versions[i])
            if let after, !(after < entry) { return }
            if let e = earliest, !(entry < e) { return }
            earliest = entry
        }
        if let earliest { queue.insert(earliest) }
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

/// What ``MemoryWorld/save(_:)`` compares a lead with: the lead as it was
/// when ``MemoryWorld/takeLead(_:)`` moved it out of its slot.
private struct HeldLead: Sendable {
    var index: Int
    var owner: RepID?
    var inCadence: Bool
    var signature: TimerSignature
}
