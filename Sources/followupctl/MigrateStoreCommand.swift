import ArgumentParser
import FollowUpCore
// Public: the two stores' types meet in public conformances at the end of this file.
public import FollowUpPostgres
import FollowUpRules
public import FollowUpStore

/// `followupctl migrate-store --from FILE --to URL`: moves a one-box install's
/// SQLite database into PostgreSQL, so several nodes can run on it (issue 14).
///
/// It reads the file under the daemon's own lock (a running followupd is
/// refused, and none starts meanwhile) in one read transaction, and writes
/// PostgreSQL in one transaction that checks every table's row count before
/// it commits (``PostgresStoreLoad``): an interrupted or failed copy leaves
/// nothing behind, and the file is never changed.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a stopped followupd's SQLite database into an empty PostgreSQL database.",
        discussion: """
            Stop followupd first (systemctl stop followupd): the copy refuses a database a running followupd holds. \
            The PostgreSQL database must exist (createdb -O followupd followupd); its tables are created here and must \
            hold no followupd data, unless --replace. Everything is copied in one transaction — leads, reps, events, \
            pending timers, the outbox with its delivery state, erased leads, counters — and each table's row count \
            is checked before it commits. Then point database: in followupd.yaml at the URL and start followupd \
            (docs/operations.md, "Several nodes on PostgreSQL"). The SQLite file is left as it was.
            """)

    @Option(name: .long, help: ArgumentHelp("The SQLite database to copy (followupd's database: path).", valueName: "file"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The PostgreSQL database to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, "
                                            + "or postgres://USER@/DATABASE?host=/run/postgresql.", valueName: "url"))
    var to: String

    @Flag(name: .long, help: "Delete the followupd data the PostgreSQL database holds (an earlier copy) before copying. Stop every node on it first.")
    var replace = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await CtlError.reporting {
            let address: PostgresAddress
            switch PostgresAddress.parse(to) {
            case .success(let parsed): address = parsed
            case .failure(let problem): throw CtlError("--to: \(problem.message)")
            }
            let source: StoreSnapshotSource
            do {
                source = try StoreSnapshotSource(path: from)
            } catch let error as StoreLockError {
                if case .held(let pid) = error.reason {
                    throw CtlError("\(from): in use by a running followupd (\(pid.map { "pid \($0)" } ?? "pid unknown")); "
                                   + "stop it first (systemctl stop followupd): migrate-store copies a database nobody writes")
                }
                throw CtlError(error.description)
            } catch let error as StoreFileError {
                throw CtlError(error.description)
            }
            defer { try? source.close() }
            let report: StoreLoadReport
            do {
                report = try await PostgresStoreLoad.load(from: source, into: PostgresStoreConfiguration(address, holder: "followupctl"),
                                                          replacing: replace)
            } catch let error as PostgresStoreError {
                throw CtlError("\(address.redacted): \(error)")
            } catch let error as StoreDataError {
                throw CtlError("\(from): \(error)")
            }
            print(report, address)
        }
    }

    private func print(_ report: StoreLoadReport, _ address: PostgresAddress) {
        let tables = JSONValue.object(JSONObject(Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, JSONValue.number(String($0.rows))) })))
        let summary = JSONValue.object([
            "from": .string(from), "to": .string(address.redacted), "tables": tables,
            "next_event_seq": .number(String(report.nextEventSeq)), "epoch": .number(String(report.epoch)),
            "recounted_tallies": .array(report.recountedTallies.map(JSONValue.string)),
        ])
        output.print(summary) { _ in
            ["migrate-store \(from) → \(address.redacted)",
             "  copied " + report.tables.map { "\($0.rows) \($0.name)" }.joined(separator: ", ") + " (row counts checked)",
             "  the next event is number \(report.nextEventSeq); lease epoch \(report.epoch)"]
                + report.recountedTallies.map { "  tally recounted: \($0)" }
                + ["  next: set database: \"\(address.redacted)\" in followupd.yaml (with the password), then start followupd"]
        }
    }
}

// The conformances live here, where the two stores meet, so neither store module imports the other.
extension StoreSnapshotSource: StoreRowsSource {
    public func withRows<T>(_ body: (any StoreRows) throws -> T) throws -> T {
        try read { try body($0) }
    }
}

extension StoreSnapshot: StoreRows {}
