import FollowUpCore

/// Reps as a manager knows them: by name, the id when a rep has none (or is
/// not on the roster any more). Ids stay in links and filters.
struct RepNames: Sendable {
    var names: [RepID: String]

    init(roster: [RosterRep]) {
        var names: [RepID: String] = [:]
        for entry in roster {
            if let name = entry.member.rep.name, !name.isEmpty { names[entry.member.rep.id] = name }
        }
        self.names = names
    }

    func name(of rep: RepID) -> String { names[rep] ?? rep }
}
