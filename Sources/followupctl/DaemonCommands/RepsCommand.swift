import ArgumentParser
import FollowUpCore

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
            output.print(roster, table: Self.lines)
        }
    }

    /// The roster as an aligned table and a count.
    static func lines(of roster: JSONValue) -> [String] {
        let reps = (roster["reps"] ?? .null).items
        let rows = reps.map(Self.row)
        let table = TextTable(columns: ["REP", "TEAM", "BACKUP", "LOAD", "WEIGHT", "NOW", "PLANNED"], fitting: rows)
        return [table.header] + rows.map { table.row($0) } + ["\(reps.count) rep\(reps.count == 1 ? "" : "s")"]
    }

    /// One rep's cells. LOAD is leads in cadence over capacity (`3/5`, `5/5 full`
    /// when routing skips them), or the count alone without a capacity.
    static func row(_ rep: JSONValue) -> [String] {
        let load = rep["leads_in_cadence"].shown
        var loadCell = load
        if let capacity = rep["capacity"]?.text {
            loadCell = "\(load)/\(capacity)"
            if let held = Int(load), let limit = Int(capacity), held >= limit { loadCell += " full" }
        }
        return [rep["id"].shown, rep["team"].shown, rep["backup"].shown, loadCell, rep["weight"].shown,
                RepAvailabilityText.now(rep), RepAvailabilityText.planned(rep) ?? "-"]
    }
}
