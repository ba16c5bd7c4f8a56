import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire
import Foundation
import NIOHTTP1

/// `followupctl import leads.csv`: a spreadsheet of leads as `lead.captured` events.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file of leads (a header row, one lead per row) as lead.captured events.",
        discussion: """
            Columns are matched to lead.captured fields by their header: id and source are required; \
            name, email, phone, company, title, company_size, need, stage, timezone, owner, team, score, \
            priority, and at (or captured_at) for the capture time. Rename with --map "Lead ID=id" \
            (repeatable); --map "Notes=" ignores a column. Other columns are kept as attributes of the lead.

            Every row is checked first and every problem printed as FILE:LINE:COLUMN(name): message. \
            With any problem nothing is imported, unless --skip-bad-rows imports the good rows. \
            Importing a file again is safe: a lead already known is left as it is.

              followupctl import leads.csv --dry-run
              followupctl import export.csv --map "E-mail Address=email" --map "Lead Source=source"
            """)

    /// Events per request.
    static let batchSize = 500

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: ArgumentHelp("The CSV file (RFC 4180, UTF-8).", valueName: "file"))
    var file: String

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("Read a column as a field: COLUMN=FIELD (FIELD empty: ignore the column).", valueName: "column=field"))
    var mappings: [String] = []

    @Flag(name: .long, help: "Check every row and print the events that would be sent; send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Import the good rows even when some rows have problems (they are listed and skipped).")
    var skipBadRows = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try mapping()
    }

    /// `--map` as column → field.
    func mapping() throws -> [String: String] {
        var out: [String: String] = [:]
        for entry in mappings {
            guard let equals = entry.lastIndex(of: "=") else {
                throw ValidationError("--map takes COLUMN=FIELD, got \"\(entry)\"")
            }
            let column = String(entry[..<equals]).trimmingCharacters(in: .whitespaces)
            let field = String(entry[entry.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else { throw ValidationError("--map \"\(entry)\": the column name is empty") }
            guard field.isEmpty || LeadImport.fields.contains(field) else {
                throw ValidationError("--map \"\(entry)\": unknown field \"\(field)\" (one of \(LeadImport.fields.sorted().joined(separator: ", ")))")
            }
            out[column] = field
        }
        return out
    }

    func run() async throws {
        try await CtlError.reporting {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CtlError("cannot read \(file)")
            }
            let result = LeadImport(mapping: try mapping()).read(Array(data))
            for problem in result.problems { Terminal.error("\(file):\(problem)") }
            if !result.attributeColumns.isEmpty {
                Terminal.error("followupctl: note: kept as lead attributes: \(result.attributeColumns.joined(separator: ", ")) (--map COLUMN= ignores a column)")
            }
            var rows = result.rows
            if !result.problems.isEmpty, !skipBadRows || rows.isEmpty {
                throw CtlError("\(result.badLines.count) bad row\(result.badLines.count == 1 ? "" : "s") in \(file): nothing imported"
                    + (rows.isEmpty ? "" : " (fix them, or --skip-bad-rows imports the other \(rows.count))"))
            }
            if dryRun {
                var out = StandardOutput()
                for row in rows { out.line(row.event) }
                out.flush()
                Terminal.error("followupctl: dry run: \(rows.count) lead\(rows.count == 1 ? "" : "s") would be imported"
                    + (result.badLines.isEmpty ? "" : ", \(result.badLines.count) bad row\(result.badLines.count == 1 ? "" : "s") skipped"))
                return
            }
            let (fresh, known) = try await DaemonClient.with(try daemon.endpoint()) { client in
                rows = try await checkTimes(rows, client)
                rows = try await checkOwners(rows, client)
                return try await send(rows, client)
            }
            let summary = JSONValue.object([
                "file": .string(file), "imported": .number(String(rows.count)), "new": .number(String(fresh)),
                "known": .number(String(known)), "skipped": .number(String(result.badLines.count)),
            ])
            output.print(summary) { _ in
                ["imported \(rows.count) lead\(rows.count == 1 ? "" : "s") from \(file): \(fresh) new, \(known) already known"
                    + (result.badLines.isEmpty ? "" : "; \(result.badLines.count) bad row\(result.badLines.count == 1 ? "" : "s") skipped")]
            }
        }
    }

    /// A capture time ahead of the daemon's clock would be rejected (with the
    /// batches before it already applied): find them all before sending anything.
    private func checkTimes(_ rows: [LeadImport.Row], _ client: DaemonClient) async throws(CtlError) -> [LeadImport.Row] {
        let now = try HealthBody(answer: try await client.get("/healthz")).now
        var bad = Set<Int>()
        for row in rows {
            guard let text = Self.member(row, path: ["at"]), let at = RFC3339.parse(text),
                  at > now + Self.maxFutureSkew else { continue }
            bad.insert(row.line)
            Terminal.error(row.diagnostic("\(text) is in the future (the daemon's clock reads \(now))", field: "at", file: file).description)
        }
        guard !bad.isEmpty else { return rows }
        guard skipBadRows else {
            throw CtlError("\(bad.count) row\(bad.count == 1 ? "" : "s") in \(file) captured in the future: nothing imported")
        }
        return rows.filter { !bad.contains($0.line) }
    }

    /// How far ahead of its clock the daemon accepts an event (its `Timeline.maxFutureSkew`).
    static let maxFutureSkew = TimeSpan.minutes(1)

    /// Every owner the rows name must be a rep the daemon knows; otherwise the
    /// daemon would reject a batch halfway through the file.
    private func checkOwners(_ rows: [LeadImport.Row], _ client: DaemonClient) async throws(CtlError) -> [LeadImport.Row] {
        var unknown = Set<String>()
        var checked = Set<String>()
        for row in rows {
            guard let owner = Self.owner(of: row), checked.insert(owner).inserted else { continue }
            let reply = try await client.send(.GET, "/v1/reps/\(URIComponent.encode(owner))/queue", body: nil)
            if reply.status == 404 { unknown.insert(owner) } else { _ = try reply.json() }
        }
        guard !unknown.isEmpty else { return rows }
        var bad = 0
        for row in rows {
            guard let owner = Self.owner(of: row), unknown.contains(owner) else { continue }
            bad += 1
            Terminal.error(row.diagnostic("unknown rep \"\(owner)\"", field: "owner", file: file).description)
        }
        guard skipBadRows else {
            throw CtlError("\(bad) row\(bad == 1 ? "" : "s") in \(file) name an unknown owner: nothing imported")
        }
        return rows.filter { Self.owner(of: $0).map { !unknown.contains($0) } ?? true }
    }

    private static func owner(of row: LeadImport.Row) -> String? {
        member(row, path: ["lead", "owner"])
    }

    /// A string member of the row's event, by path.
    private static func member(_ row: LeadImport.Row, path: [String]) -> String? {
        guard var value = try? JSONParser.parse(row.event) else { return nil }
        for key in path {
            guard let next = value[key] else { return nil }
            value = next
        }
        return value.text
    }

    /// Posts the rows in batches; returns how many leads were new and how many already known.
    private func send(_ rows: [LeadImport.Row], _ client: DaemonClient) async throws(CtlError) -> (Int, Int) {
        var fresh = 0, known = 0
        var start = 0
        while start < rows.count {
            // Up to batchSize rows, and far below the daemon's default 1 MiB body limit
            // however long the spreadsheet's notes are (EventCommand's rule).
            var end = start, bytes = 0
            while end < rows.count, end - start < Self.batchSize, end == start || bytes + rows[end].event.utf8.count < EventCommand.maxBatchBytes {
                bytes += rows[end].event.utf8.count + 1
                end += 1
            }
            let batch = Array(rows[start..<end])
            let body = "[" + batch.map(\.event).joined(separator: ",") + "]"
            do throws(CtlError) {
                let reply = try await client.post("/v1/events", json: Array(body.utf8))
                for accepted in try AcceptedEventsBody(answer: reply).accepted {
                    // A new lead is always assigned or unrouted; a known one changes nothing.
                    if accepted.notifications.isEmpty { known += 1 } else { fresh += 1 }
                }
            } catch var error {
                if let index = error.index, index < batch.count {
                    let row = batch[index]
                    let name = error.field.map { $0.hasPrefix("lead.") ? String($0.dropFirst(5)) : $0 }
                    error.message = row.diagnostic(error.message, field: name, file: file).description
                }
                if start > 0 {
                    Terminal.error("followupctl: the rows before line \(batch[0].line) were imported; run the import again once fixed (it is safe)")
                }
                throw error
            }
            start = end
        }
        return (fresh, known)
    }
}
