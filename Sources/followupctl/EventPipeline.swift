import Dispatch
import Foundation
import FollowUpCore
import FollowUpFormats
import Synchronization

/// Reads an event file on a thread of its own, stretch by stretch, decoding
/// and vetting each in file order, while `simulate` applies the stretches
/// already vetted. Reading was a fifth of the engine thread's time, and the
/// engine is what `simulate` waits for; the second core decodes meanwhile.
///
/// The whole file is still vetted before anything is printed: the writer
/// holds its output until ``verdict`` is ``Verdict/clean`` (vetting runs far
/// ahead of the engine, so little is held), and with a bad line nothing is.
final class EventPipeline: Sendable {
    /// What vetting has concluded so far.
    enum Verdict: Sendable {
        case pending
        case clean
        /// A bad line (each listed as FILE:LINE: field: message) or a read error.
        case failed(String)
    }

    /// Lines are cut into stretches of about this many bytes: small enough
    /// that the engine starts at once, large enough that handing one over is free.
    static let stretchBytes = 1 << 20

    private struct State {
        var stretches: [EventScript?] = []
        var head = 0
        var verdict = Verdict.pending
        /// The end was handed out: later calls return at once.
        var drained = false
    }

    private let state = Mutex(State())
    /// Signalled once per stretch and once at the end.
    private let arrivals = DispatchSemaphore(value: 0)

    /// Starts reading `source` on a thread of its own, a stretch at a time
    /// (the file is never held whole: it can be larger than the events it holds).
    init(source: FileHandle, file: String, engine: Engine, until: Instant?) {
        let source = UncheckedSendable(source)
        // A thread of its own, not a Dispatch worker: the engine waits for it
        // on a worker of the same pool, which on a one-core machine could
        // leave it none to run on.
        let reader = Thread { [self] in
            read(source.value, file: file, engine: engine, until: until)
        }
        reader.name = "followupctl.events"
        reader.start()
    }

    /// The next vetted stretch, in file order; nil at the end of the file
    /// (or once a bad line was found: the rest is still vetted, for the list).
    func next() -> EventScript? {
        if state.withLock({ $0.drained }) { return nil }
        arrivals.wait()
        return state.withLock { s in
            guard s.head < s.stretches.count else {
                s.drained = true
                return nil
            }
            // Hand the stretch over and drop the reader's copy: the engine is done with it after.
            let stretch = s.stretches[s.head]
            s.stretches[s.head] = nil
            s.head += 1
            return stretch
        }
    }

    /// What vetting has concluded so far (final once ``next()`` returned nil).
    var verdict: Verdict { state.withLock { $0.verdict } }

    private func read(_ source: FileHandle, file: String, engine: Engine, until: Instant?) {
        var vetter = EventScript.Vetter(file: file, engine: engine, until: until)
        var line = 1
        var carried: [UInt8] = []  // the unfinished last line of what was read so far
        func vet(_ bytes: ArraySlice<UInt8>) {
            let chunk = bytes.withUnsafeBufferPointer { EventScript.decode($0, file: file, firstLine: line) }
            line += chunk.lineCount
            let stretch = vetter.vet(chunk)
            if vetter.failed { return }  // nothing more runs; keep vetting for the list of bad lines
            state.withLock { $0.stretches.append(stretch) }
            arrivals.signal()
        }
        var readError: String?
        while true {
            let data: Data
            do {
                data = try source.read(upToCount: Self.stretchBytes) ?? Data()
            } catch {
                readError = "\(file): cannot read after line \(line - 1): \(error)"
                break
            }
            if data.isEmpty {
                if !carried.isEmpty { vet(carried[...]) }
                break
            }
            carried.append(contentsOf: data)
            // Cut just after the last newline, so no line is split.
            guard let last = carried.lastIndex(of: 0x0A) else { continue }
            vet(carried[...last])
            carried.removeSubrange(...last)
        }
        let verdict: Verdict
        do throws(EventScript.Failure) {
            try vetter.finish()
            verdict = readError.map { .failed($0) } ?? .clean
        } catch {
            verdict = .failed(error.description)
        }
        state.withLock { $0.verdict = verdict }
        arrivals.signal()
    }
}

/// A value handed to the reader thread and used there alone.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
