import Foundation
import Testing
import FollowUpCore
import FollowUpFormats
import FollowUpTestSupport

/// `simulate` on files larger than one stretch of its reader (1 MiB): the
/// engine runs while later stretches are still read and vetted, and output is
/// held until the whole file is known to be good.
@Suite struct SimulateLargeFileTests {
    /// About 2.5 MB: 11,000 leads, each captured a minute after the one before,
    /// most touched 30 s after the next capture (one in five never is).
    static let lines: [String] = {
        let start = Instant(secondsSinceEpoch: 1_795_881_600)  // 2026-11-28T16:00:00Z, a Saturday
        var out = SimulateCommandTests.reps.split(separator: "\n").map(String.init)
        let outcomes = ["no_answer", "voicemail", "connected", "sent", "bounced"]
        for i in 0..<11_000 {
            let at = start + TimeSpan(seconds: Int64(i) * 60)
            let owner = i % 2 == 0 ? "alice" : "bob"
            out.append(#"{"at":"\#(at)","type":"lead.captured","lead":{"id":"L\#(i)","source":"web_form","email":"l\#(i)@acme.test","owner":"\#(owner)"}}"#)
            if i % 5 != 4 {
                let touch = at + TimeSpan(seconds: 30)
                out.append(#"{"at":"\#(touch)","type":"touch.logged","lead":"L\#(i)","rep":"\#(owner)","channel":"call","outcome":"\#(outcomes[i % outcomes.count])"}"#)
            }
        }
        return out
    }()

    static let until = "2027-01-15T00:00:00Z"

    /// What the engine gives event by event, through the core's own vetting
    /// and ``Simulation/apply(_:emit:)``: not the reader nor the batching `simulate` uses.
    static func expected() throws -> String {
        let rules = DefaultRules.make(followThrough: .shipped)
        var simulation = Simulation(rules: rules)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        let script = try bytes.withUnsafeBufferPointer { try EventScript.read($0, file: "x", engine: simulation.engine) }
        var writer = JSONWriter()
        var out: [UInt8] = []
        func emit(_ outcome: EngineOutcome) {
            for n in outcome.notifications {
                writer.reset()
                n.write(to: &writer)
                out += writer.bytes
                out.append(0x0A)
            }
        }
        for event in script.events { try simulation.apply(event, emit: emit) }
        simulation.run(until: RFC3339.parse(until)!, emit: emit)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aFileOfManyStretchesGivesWhatTheEngineGivesEventByEvent() throws {
        let text = Self.lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 2 << 20, "the file must span several stretches")
        let file = try Subprocess.temporaryFile(text)
        let expected = try Self.expected()
        #expect(expected.count > 100_000)

        let fromFile = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", Self.until)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == expected)

        // Standard input arrives in pipe-sized pieces: lines are split across reads.
        let fromStdin = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", "-", "--until", Self.until,
                                           input: text)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == expected)
    }

    @Test func aBadLineInALaterStretchPrintsNothingAndIsNamedByItsLine() throws {
        var lines = Self.lines
        let bad = lines.count - 10
        lines[bad] = #"{"at":"2026-12-05T00:00:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"pigeon","outcome":"no_answer"}"#
        let file = try Subprocess.temporaryFile(lines.joined(separator: "\n"))
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", Self.until)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty, "nothing may be printed before the whole file is vetted: \(r.stdout.prefix(300))")
        #expect(r.stderr.contains("\(file):\(bad + 1): channel: unknown value \"pigeon\""), "\(r.stderr)")
    }

    @Test func aFileWithoutAFinalNewlineKeepsItsLastLine() throws {
        let text = Self.lines.prefix(4).joined(separator: "\n")
        let file = try Subprocess.temporaryFile(text)
        let r = try Subprocess.ctl("simulate", "--rules", Subprocess.rules, "--events", file, "--until", "2026-11-28T16:00:01Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"L0:lead.assigned:1:1\""), "\(r.stdout)")
    }
}
