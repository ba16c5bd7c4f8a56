import ArgumentParser
import FollowUpCore
import Foundation

/// `--events FILE` and `--until TIME`, shared by simulate and explain.
struct EventFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Events, one JSON object per line, in time order ('-' reads stdin).", valueName: "file"))
    var events: String

    @Option(name: .long, help: ArgumentHelp(
        "Simulate up to this RFC 3339 time; a timer exactly at it fires, later events are not applied. Default: 35 days after the last event, long enough for a whole cadence and its first nurture reminder.",
        valueName: "time"))
    var until: String?

    /// The `--until` instant, if given.
    func untilInstant() throws -> Instant? {
        guard let until else { return nil }
        guard let instant = RFC3339.parse(until) else {
            throw ValidationError("--until: \"\(until)\" is not an RFC 3339 time (e.g. 2026-12-01T00:00:00Z)")
        }
        return instant
    }

    /// Reads and vets the event file, or prints every bad line as FILE:LINE and exits 1.
    func read(engine: Engine) throws -> (script: EventScript, until: Instant) {
        let data: Data
        if events == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: events) else {
                Terminal.error("\(events): cannot read the file (missing or not readable)")
                throw ExitCode(1)
            }
            data = contents
        }
        let limit = try untilInstant()
        let name = events == "-" ? "<stdin>" : events
        let result: Result<EventScript, EventScript.Failure> = data.withUnsafeBytes { raw in
            let chunks = ParallelDecoder.decode(raw.bindMemory(to: UInt8.self), file: name)
            do throws(EventScript.Failure) {
                return .success(try EventScript.vet(chunks, file: name, engine: engine, until: limit))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let script):
            let last = script.events.last?.at ?? Instant(secondsSinceEpoch: 0)
            return (script, limit ?? last + .days(35))
        case .failure(let failure):
            Terminal.error(failure.description)
            throw ExitCode(1)
        }
    }
}
