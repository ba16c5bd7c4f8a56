import ArgumentParser
import FollowUpCore

/// `followupctl reps`: the roster from the running daemon (`GET /v1/reps`):
/// who is away and until when, planned absences, backups, and each rep's load
/// against their capacity, so a sales lead sees why routing skips someone.
struct RepsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reps",
        abstract: "List the reps: availability, planned absences, backup, weight, and leads in cadence against capacity.")

    /// How the roster is printed.
    enum Output: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("table (aligned columns) or json (the daemon's answer as is).", valueName: "format"))
    var output: Output = .table

    func run() async throws {
        try await CtlError.reporting {
            let roster = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.get("/v1/reps")
            }
            var out = StandardOutput()
            switch output {
            case .json:
                out.line(roster.jsonText)
            case .table:
                let reps = (roster["reps"] ?? .null).items
                let rows = reps.map(Self.row)
                let table = TextTable(columns: ["REP", "TEAM", "BACKUP", "LOAD", "WEIGHT", "NOW", "PLANNED"], fitting: rows)
                out.line(table.header)
                for row in rows { out.line(table.row(row)) }
                out.line("\(reps.count) rep\(reps.count == 1 ? "" : "s")")
            }
            out.flush()
        }
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
