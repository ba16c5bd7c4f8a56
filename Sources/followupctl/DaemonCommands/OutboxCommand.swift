import ArgumentParser
import FollowUpCore
import FollowUpWire

/// `followupctl outbox list|retry|drop`: the notifications waiting, delivered
/// or dead in the running daemon's outbox.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List notifications by delivery state; retry or drop dead letters.",
        subcommands: [List.self, Retry.self, Drop.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List outbox rows, newest first (dead letters with --state dead).")

        @OptionGroup var daemon: DaemonOptions

        @Option(name: .long, help: ArgumentHelp("Only rows in this state (pending, delivered, dead).", valueName: "state"))
        var state: String?

        @Option(name: .long, help: ArgumentHelp("Only rows of this receiver.", valueName: "name"))
        var receiver: String?

        @Option(name: .long, help: ArgumentHelp("At most this many rows (1–1000).", valueName: "n"))
        var limit: Int = 100

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CtlError.reporting {
                var query = ["limit=\(limit)"]
                if let state { query.append("state=\(URIComponent.encode(state))") }
                if let receiver { query.append("receiver=\(URIComponent.encode(receiver))") }
                let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.get("/v1/outbox?" + query.joined(separator: "&"))
                }
                var out = StandardOutput()
                if output.isJSON && !output.isJSONLines {
                    out.line(reply.jsonText)
                    out.flush()
                    return
                }
                let json = output.isJSONLines
                let table = TextTable(columns: ["ID", "RECEIVER", "STATE", "ATTEMPTS", "NEXT", "VIA", "LAST ERROR"])
                if !json { out.line(table.header) }
                let rows = try OutboxPageBody(answer: reply).notifications
                for row in rows {
                    if json {
                        out.write(row.jsonBytes + [UInt8(ascii: "\n")])
                    } else {
                        out.line(table.row([row.id, row.receiver, row.state.rawValue, "\(row.attempts)",
                                            row.nextAttemptAt.map { "\($0)" } ?? "-", row.via ?? "-",
                                            String((row.lastError ?? "-").prefix(80))]))
                    }
                }
                if !json { out.line("\(rows.count) row\(rows.count == 1 ? "" : "s")") }
                out.flush()
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a dead letter back in line: due now, its age counted from now.")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var row: OutboxRowOptions

        func run() async throws {
            try await CtlError.reporting {
                let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.post(row.uri(suffix: "/retry"))
                }
                try output.print(reply, as: RequeuedBody.self) { ["requeued \(row.id): \($0.requeued) row(s)"] }
            }
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop an undelivered notification (delivered rows are history and stay).")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var row: OutboxRowOptions

        func run() async throws {
            try await CtlError.reporting {
                let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.delete(row.uri(suffix: ""))
                }
                try output.print(reply, as: DroppedBody.self) { ["dropped \(row.id): \($0.dropped) row(s)"] }
            }
        }
    }
}
