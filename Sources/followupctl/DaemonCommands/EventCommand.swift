import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// `followupctl event`: send events to the running daemon.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Send events to followupd: the argument, or JSON lines from stdin.",
        discussion: """
            With an argument, it is sent as is: one event object or an array of them.
            Without one, stdin is read as one event per line (blank lines skipped) and sent
            in batches of up to \(EventCommand.batchSize); each batch applies whole or not at
            all, and a bad line stops the run (earlier batches stay applied). An event
            without "at" happens at the daemon's now. Prints one line per accepted event
            with the ids of the notifications it caused.
            """)

    /// Events per request when reading stdin: big enough to amortise the round trip,
    /// small enough to stay far below the daemon's body limit.
    static let batchSize = 1_000
    /// Large events end a batch earlier, keeping requests below the default `max_body_bytes` (1 MiB).
    static let maxBatchBytes = 512 << 10

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("One event as JSON, or an array of events; omit to read JSON lines from stdin.", valueName: "json"))
    var json: String?

    func run() async throws {
        try await CtlError.reporting {
            let endpoint = try daemon.endpoint()
            try await DaemonClient.with(endpoint) { client in
                if let json {
                    try await sendArgument(json, client)
                } else {
                    try await sendStandardInput(client)
                }
            }
        }
    }

    private func sendArgument(_ json: String, _ client: DaemonClient) async throws(CtlError) {
        do throws(CtlError) {
            let reply = try await client.post("/v1/events", json: Array(json.utf8))
            try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines)
        } catch var error {
            if let index = error.index { error.message = "event \(index): \(error.message)" }
            throw error
        }
    }

    private func sendStandardInput(_ client: DaemonClient) async throws(CtlError) {
        var batch = EventLineBatch()
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            try batch.add(line, number: lineNumber)
            if batch.count == Self.batchSize || batch.byteCount >= Self.maxBatchBytes {
                try await send(batch, client)
                batch = EventLineBatch()
            }
        }
        if batch.count > 0 { try await send(batch, client) }
    }

    private func send(_ batch: EventLineBatch, _ client: DaemonClient) async throws(CtlError) {
        do throws(CtlError) {
            // One answer per batch: with --output json, one document per line.
            let reply = try await client.post("/v1/events", json: batch.bodyBytes)
            try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines)
        } catch var error {
            if let index = error.index, index < batch.lineNumbers.count {
                error.message = "line \(batch.lineNumbers[index]): \(error.message)"
            }
            Terminal.error("followupctl: lines \(batch.lineNumbers.first!)–\(batch.lineNumbers.last!) were not applied; earlier lines were")
            throw error
        }
    }
}

/// JSON lines gathered into one array body, remembering their line numbers
/// so the daemon's `index` can be reported as a line.
struct EventLineBatch {
    private var body: [UInt8] = [UInt8(ascii: "[")]
    private(set) var lineNumbers: [Int] = []

    var count: Int { lineNumbers.count }
    var byteCount: Int { body.count }

    /// Adds one line (blank lines are skipped). Syntax is checked here, so a
    /// typo is reported by line rather than as a column of the joined body.
    mutating func add(_ line: String, number: Int) throws(CtlError) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        do throws(JSONParser.Failure) {
            _ = try JSONParser.parse(line)
        } catch {
            throw CtlError("line \(number): \(error.description)")
        }
        if !lineNumbers.isEmpty { body.append(UInt8(ascii: ",")) }
        body.append(contentsOf: line.utf8)
        lineNumbers.append(number)
    }

    /// The array as sent.
    var bodyBytes: [UInt8] { body + [UInt8(ascii: "]")] }
}
