import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpRules

/// `followupctl simulate`: replay events through the engine on a virtual clock.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay events with a virtual clock and print the notifications the daemon would send.",
        discussion: """
            Output is one JSON object per line, in time order, exactly as relays receive
            them. The whole file is checked first: with any bad line, nothing is printed,
            every bad line is listed as FILE:LINE: field: message, and the exit status is 1.
            """)

    /// How notifications are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @OptionGroup var rules: RulesOptions
    @OptionGroup var input: EventFileOptions

    @Option(name: .long, help: "json (one object per line) or table (for people).")
    var format: Format?

    /// `--output table|json` as on every other command that prints: the same as `--format`.
    @Option(name: .long, help: ArgumentHelp("The same as --format, as other commands spell it.", valueName: "table|json"))
    var output: Format?

    func validate() throws {
        if let format, let output, format != output { throw ValidationError("--format \(format) and --output \(output) ask for two formats; give one") }
    }

    func run() throws {
        let format = output ?? format ?? .json
        let loaded = try rules.load()
        var simulation = Simulation(rules: loaded.rules)
        // The file is read and vetted on another thread while the engine runs;
        // output is held until the whole file is known to be good.
        let pipeline = try input.pipeline(engine: simulation.engine)
        let writer = NotificationWriter(format: format, holding: true)
        // The engine appends straight onto the batch: no outcome per event or timer.
        var batch: [LeadNotification] = []
        func handOn(atLeast size: Int) {
            guard batch.count >= size else { return }
            writer.enqueue(batch)
            batch = []
            batch.reserveCapacity(NotificationWriter.batchSize + 64)
        }
        handOn(atLeast: 0)
        var lastEvent: Instant?
        reading: while let stretch = pipeline.next() {
            switch pipeline.verdict {
            case .pending: break
            case .clean: writer.release()
            case .failed: break reading
            }
            for event in stretch.events {
                // Vetted, so apply cannot fail here; a failure would be a bug worth surfacing.
                try simulation.apply(event, appendingTo: &batch)
                handOn(atLeast: NotificationWriter.batchSize)
            }
            lastEvent = stretch.events.last?.at ?? lastEvent
        }
        while pipeline.next() != nil {}  // a bad line stopped the engine: wait for the full list
        if case .failed(let problems) = pipeline.verdict {
            Terminal.error(problems)
            throw ExitCode(1)
        }
        writer.release()
        let until = try input.until(lastEvent: lastEvent)
        while simulation.fireNext(until: until, appendingTo: &batch) {
            handOn(atLeast: NotificationWriter.batchSize)
        }
        writer.enqueue(batch)
        writer.finish()
    }
}

/// Prints notifications as JSON lines or as a table.
struct NotificationPrinter {
    let format: SimulateCommand.Format
    private var writer = JSONWriter()

    init(format: SimulateCommand.Format) { self.format = format }

    func header(to out: inout StandardOutput) {
        if format == .table { out.line(Self.row(["AT", "KIND", "LEAD", "TO", "STEP", "DEADLINE", "REASON", "ID"])) }
    }

    mutating func print(_ notifications: [LeadNotification], to out: inout StandardOutput) {
        // Read in place through the buffer: `for n in notifications` copies
        // each one, retaining every string it holds (a sixth of this thread).
        notifications.withUnsafeBufferPointer { batch in
            for i in batch.indices {
                switch format {
                case .json:
                    writer.reset()
                    batch[i].write(to: &writer)
                    writer.bytes.append(0x0A)
                    out.write(writer.bytes)
                case .table:
                    let n = batch[i]
                    out.line(Self.row([n.at.description, n.kind.rawValue, n.lead, n.to, n.step.map(String.init) ?? "",
                                       n.deadline?.description ?? "", n.reason?.rawValue ?? "", n.id]))
                }
            }
        }
    }

    static let widths = [20, 20, 10, 16, 4, 20, 17, 0]

    static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: "  ")
    }
}
