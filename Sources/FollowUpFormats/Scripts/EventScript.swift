public import FollowUpCore
/// A file of events, one JSON object per line, read and vetted whole before
/// anything runs: so `simulate` either prints a complete answer or prints
/// nothing and lists every bad line.
public struct EventScript: Sendable {
    /// The events to apply, in file order (blank lines and lines after `until` left out).
    public var events: [Event]
    /// The 1-based line number of each event, for messages.
    public var lines: [Int]

    /// Every bad line of a file (capped at ``maxProblems``, with how many more there were).
    ///
    /// Each is a ``Diagnostic`` placed at its file and line, so it prints as
    /// `FILE:LINE: field: message`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var problems: [Diagnostic]
        public var omitted: Int
        public var description: String {
            (problems.map(\.description) + (omitted > 0 ? ["… and \(omitted) more bad lines"] : [])).joined(separator: "\n")
        }
    }

    /// More than this many problems are counted, not listed.
    public static let maxProblems = 50

    /// The decoded lines of one stretch of a file, before vetting.
    public struct Chunk: Sendable {
        public var events: [Event] = []
        public var lines: [Int] = []
        public var problems: [Diagnostic] = []
        /// Lines in the stretch (blank ones included), to number the next stretch.
        public var lineCount = 0
    }

    /// Reads and vets an event file held in memory.
    ///
    /// Each line must decode (``EventDecoder``), be no earlier than the line
    /// before it, and name only leads captured and reps known (the rule set's
    /// roster or an earlier `rep.upserted`) by then. Events after `until` are
    /// left out: they would not be applied.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, engine: Engine,
                            until: Instant? = nil) throws(Failure) -> EventScript {
        try vet([decode(bytes, file: file, firstLine: 1)], file: file, engine: engine, until: until)
    }

    /// Decodes every line of a stretch of a file whose first line is `firstLine`.
    /// Stretches are independent, so a caller may decode several at once.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int) -> Chunk {
        var chunk = Chunk()
        var lineNumber = firstLine - 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            chunk.lineCount += 1
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }  // CRLF files
            let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
            start = end + 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            do throws(Diagnostic) {
                chunk.events.append(try EventDecoder.decode(line))
                chunk.lines.append(lineNumber)
            } catch var error {
                error.place = SourcePlace(file: file, line: lineNumber)
                chunk.problems.append(error)
            }
        }
        return chunk
    }

    /// Checks decoded stretches, in file order, for time order and references,
    /// and joins them into one script.
    public static func vet(_ chunks: [Chunk], file: String, engine: Engine, until: Instant? = nil) throws(Failure) -> EventScript {
        var vetter = Vetter(file: file, engine: engine, until: until)
        var script = EventScript(events: [], lines: [])
        script.events.reserveCapacity(chunks.reduce(0) { $0 + $1.events.count })
        for chunk in chunks {
            let part = vetter.vet(chunk)
            script.events.append(contentsOf: part.events)
            script.lines.append(contentsOf: part.lines)
        }
        try vetter.finish()
        return script
    }

    /// Vets decoded stretches one at a time, in file order, so a reader can
    /// hand each on as soon as it is checked (`simulate` runs the engine on
    /// one stretch while the next is read). What it learnt from earlier
    /// stretches (leads captured, reps known, the last time) carries over.
    public struct Vetter: Sendable {
        public let file: String
        let engine: Engine
        let until: Instant?
        private var problems: [Diagnostic] = []
        private var leads = Set<LeadID>()
        private var reps: Set<RepID>
        private var previous: Instant?

        public init(file: String, engine: Engine, until: Instant? = nil) {
            self.file = file
            self.engine = engine
            self.until = until
            reps = Set(engine.rules.roster.map(\.id))
        }

        /// Whether any line so far was bad.
        public var failed: Bool { !problems.isEmpty }

        /// The good events of the next stretch; its bad lines are kept for ``finish()``.
        public mutating func vet(_ chunk: Chunk) -> EventScript {
            var script = EventScript(events: [], lines: [])
            script.events.reserveCapacity(chunk.events.count)
            script.lines.reserveCapacity(chunk.events.count)
            var bad = chunk.problems[...]
            for (event, line) in zip(chunk.events, chunk.lines) {
                while let p = bad.first, (p.place?.line ?? 0) < line { problems.append(p); bad.removeFirst() }
                do throws(Diagnostic) {
                    if let previous, event.at < previous {
                        throw Diagnostic(field: "at", message: "\(event.at) is earlier than the line before it (\(previous)); events must be in time order")
                    }
                    previous = event.at
                    if let until, event.at > until { continue }
                    try engine.validate(event, leadExists: leads.contains, repExists: reps.contains)
                    switch event.body {
                    case .leadCaptured(let profile): leads.insert(profile.id)
                    case .repUpserted(let rep): reps.insert(rep.id)
                    default: break
                    }
                    script.events.append(event)
                    script.lines.append(line)
                } catch var error {
                    error.place = SourcePlace(file: file, line: line)
                    problems.append(error)
                }
            }
            problems.append(contentsOf: bad)
            return script
        }

        /// Throws every bad line seen (capped at ``EventScript/maxProblems``), if any.
        public func finish() throws(Failure) {
            guard !problems.isEmpty else { return }
            throw Failure(problems: Array(problems.prefix(maxProblems)), omitted: max(0, problems.count - maxProblems))
        }
    }
}
