/// A rules reload's walk over the leads with pending obligations: fed a page
/// of them at a time in capture order, it re-plans each with
/// ``Engine/replan(_:previous:)``, keeps the ``ReplanReport``, and hands back
/// the leads whose obligations moved. Every store runs the same walk: it only
/// reads the pages (from ``after``, ``pageSize`` at a time) and writes what
/// the walk hands back.
public struct ReplanWalk: Sendable {
    /// Leads read, re-planned and written per page: memory stays bounded with millions of leads.
    public static let pageSize = 2_048

    public let engine: Engine
    /// The rules in force until now (what is re-planned is what they planned).
    public let previous: Rules
    /// How many moved leads the report lists.
    public let keep: Int
    /// What the walk found so far.
    public private(set) var report = ReplanReport()
    /// The capture order of the last lead fed: the next page starts after it.
    public private(set) var after = Int64.min  // capture order starts at 0

    public init(engine: Engine, previous: Rules, keep: Int) {
        self.engine = engine
        self.previous = previous
        self.keep = keep
    }

    /// Re-plans one page (the leads after ``after``, in capture order).
    /// - Returns: the leads whose obligations moved, in page order: what to write.
    public mutating func replan(_ page: [LeadState]) -> [ReplannedLead] {
        var moved: [ReplannedLead] = []
        for before in page {
            let planned = engine.replan(before, previous: previous)
            if report.add(before: before, after: planned, keep: keep) {
                moved.append(ReplannedLead(before: before, after: planned))
            }
        }
        if let last = page.last { after = last.seq }
        return moved
    }

    /// Walks every page `read` returns until an empty one, handing each
    /// page's moved leads to `write` and calling `progress` after each page.
    public mutating func run(read: (_ after: Int64, _ limit: Int) throws -> [LeadState],
                             write: (_ moved: [ReplannedLead]) throws -> Void,
                             progress: () -> Void) rethrows -> ReplanReport {
        while true {
            let page = try read(after, Self.pageSize)
            if page.isEmpty { return report }
            let moved = replan(page)
            if !moved.isEmpty { try write(moved) }
            progress()
        }
    }
}

/// One lead a re-plan moved: the state to write, and the timers to replace.
public struct ReplannedLead: Sendable {
    /// The lead as it was read.
    public var before: LeadState
    /// The lead re-planned: what the store writes.
    public var after: LeadState

    /// The timers the lead's row asked for until now (the ones to remove).
    public var oldTimers: [LeadTimer] { before.timers }
    /// The timers the re-planned lead asks for (the ones to add).
    public var newTimers: [LeadTimer] { after.timers }
}
