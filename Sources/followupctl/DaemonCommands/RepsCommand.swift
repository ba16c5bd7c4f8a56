import ArgumentParser
import FollowUpCore
import FollowUpWire

/// `followupctl reps`: the roster from the running daemon (`GET /v1/reps`):
/// who is away and until when, planned absences, backups, and each rep's load
/// against their capacity, so a sales lead sees why routing skips someone.
struct RepsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reps",
        abstract: "List the reps: availability, planned absences, backup, weight, and leads in cadence against capacity.")

    @OptionGroup var daemon: DaemonOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await CtlError.reporting {
            let roster = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.get("/v1/reps")
            }
            try output.print(roster, as: RepsBody.self, table: Self.lines)
        }
    }

    /// The roster as an aligned table and a count.
    static func lines(of roster: RepsBody) -> [String] {
        let reps = roster.reps
        let rows = reps.map(Self.row)
        let table = TextTable(columns: ["REP", "TEAM", "BACKUP", "LOAD", "WEIGHT", "NOW", "PLANNED"], fitting: rows)
        return [table.header] + rows.map { table.row($0) } + ["\(reps.count) rep\(reps.count == 1 ? "" : "s")"]
    }

    /// One rep's cells. LOAD is leads in cadence over capacity (`3/5`, `5/5 full`
    /// when routing skips them), or the count alone without a capacity.
    static func row(_ rep: RepBody) -> [String] {
        var loadCell = "\(rep.leadsInCadence)"
        if let capacity = rep.capacity {
            loadCell = "\(rep.leadsInCadence)/\(capacity)"
            if rep.leadsInCadence >= capacity { loadCell += " full" }
        }
        return [rep.id, rep.team ?? "-", rep.backup ?? "-", loadCell, "\(rep.weight)",
                RepAvailabilityText.now(rep.standing), RepAvailabilityText.planned(rep.standing) ?? "-"]
    }
}
