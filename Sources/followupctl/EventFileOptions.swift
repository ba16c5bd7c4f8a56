import ArgumentParser
import FollowUpCore
import FollowUpFormats
import Foundation

/// `--events FILE` and `--until TIME`, shared by simulate and explain.
struct EventFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Events, one JSON object per line, in time order ('-' reads stdin).", valueName: "file"))
    var events: String

    @Option(name: .long, help: ArgumentHelp(
        "Simulate up to this RFC 3339 time or date (midnight UTC); a timer exactly at it fires, later events are not applied. Default: 35 days after the last event, long enough for a whole cadence and its first nurture reminder.",
        valueName: "time"))
    var until: String?

    /// The `--until` instant, if given.
    func untilInstant() throws -> Instant? {
        try Self.instant(until, option: "--until")
    }

    /// An option's RFC 3339 time or date (midnight UTC, as `report` reads it), nil when the option is not given.
    static func instant(_ text: String?, option: String) throws -> Instant? {
        guard let text else { return nil }
        if text.count == 10, CivilDate(parsing: Substring(text)) != nil, let midnight = RFC3339.parse(text + "T00:00:00Z") {
            return midnight
        }
        guard let instant = RFC3339.parse(text) else {
            throw ValidationError("\(option): \"\(text)\" is not an RFC 3339 time or a date (e.g. 2026-12-01T00:00:00Z, 2026-12-01)")
        }
        return instant
    }

    /// The name bad lines are reported under.
    var fileName: String { events == "-" ? "<stdin>" : events }

    /// `--until`, or 35 days after the last event applied.
    func until(lastEvent: Instant?) throws -> Instant {
        try untilInstant() ?? (lastEvent ?? Instant(secondsSinceEpoch: 0)) + .days(35)
    }

    /// Starts reading and vetting the event file on a thread of its own (`simulate`).
    func pipeline(engine: Engine) throws -> EventPipeline {
        let limit = try untilInstant()
        if events == "-" { return EventPipeline(source: .standardInput, file: fileName, engine: engine, until: limit) }
        guard let handle = FileHandle(forReadingAtPath: events) else {
            Terminal.error("\(events): cannot read the file (missing or not readable)")
            throw ExitCode(1)
        }
        return EventPipeline(source: handle, file: fileName, engine: engine, until: limit)
    }

    /// The file's bytes, or a message and exit 1 when it cannot be read.
    private func contents() throws -> Data {
        if events == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let contents = FileManager.default.contents(atPath: events) else {
            Terminal.error("\(events): cannot read the file (missing or not readable)")
            throw ExitCode(1)
        }
        return contents
    }

    /// Reads and vets the event file, or prints every bad line as FILE:LINE and exits 1.
    func read(engine: Engine) throws -> (script: EventScript, until: Instant) {
        let data = try contents()
        let limit = try untilInstant()
        let name = fileName
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
            return (script, try until(lastEvent: script.events.last?.at))
        case .failure(let failure):
            Terminal.error(failure.description)
            throw ExitCode(1)
        }
    }
}
