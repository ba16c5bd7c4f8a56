import Foundation
import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// Runs every hand-derived scenario in `Tests/Scenarios` (see its README.md)
/// through the core with the code-built default policy and compares the
/// notifications with `NN-name.expected.jsonl`.
///
/// Semantics follow `../shared/scenarios/check`: the run ends at the time in
/// `NN-name.until` when that file exists, else one day after the last event or
/// expected notification; events after that time are not applied; a timer
/// exactly at it fires. A notification matches on (at, kind, lead, to, step),
/// and every other field written in the expected line must be equal. On top of
/// `check`, this test is stricter in two ways: a `deadline` the expected line
/// leaves out must be absent, and the order of the notifications must be the
/// expected order (DESIGN.md fixes it).
@Suite struct ScenarioFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".events.jsonl") }.sorted()
    }

    @Test func everyScenarioHasItsExpectedFile() {
        #expect(Self.names.count >= 13, "found \(Self.names)")
        for name in Self.names {
            let expected = name.replacingOccurrences(of: ".events.jsonl", with: ".expected.jsonl")
            #expect(FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent(expected).path),
                    "\(name) has no \(expected)")
        }
    }

    @Test(arguments: names)
    func scenarioMatchesHandDerivedExpectation(_ name: String) throws {
        let scenario = try ScenarioFile(directory: Self.directory, eventsFile: name)
        let actual = try scenario.run(rules: DefaultRules.make())
        let problems = scenario.compare(actual)
        #expect(problems.isEmpty, """
            \(name): \(problems.count) difference(s) with the hand-derived expectation
            \(problems.map { "  - " + $0 }.joined(separator: "\n"))
            engine output (until \(scenario.until)):
            \(actual.map { "    " + $0.jsonLine }.joined(separator: "\n"))
            """)
    }
}

/// One scenario: its events, its expected notifications and when it stops.
struct ScenarioFile {
    var name: String
    var eventLines: [String]
    var expected: [[String: JSONValue]]
    var until: Instant

    init(directory: URL, eventsFile: String) throws {
        name = eventsFile.replacingOccurrences(of: ".events.jsonl", with: "")
        func lines(_ file: String) throws -> [String] {
            try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        eventLines = try lines(eventsFile)
        expected = try lines("\(name).expected.jsonl").map { line in
            guard case .object(let o) = try JSONParser.parse(line) else { throw ScenarioError("not an object: \(line)") }
            return o.dictionary
        }
        let untilURL = directory.appendingPathComponent("\(name).until")
        if let text = try? String(contentsOf: untilURL, encoding: .utf8) {
            guard let t = RFC3339.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw ScenarioError("\(name).until: not an RFC 3339 time")
            }
            until = t
        } else {
            var last = Instant(secondsSinceEpoch: Int64.min / 2)
            for line in eventLines {
                if case .string(let s)? = try JSONParser.parse(line)["at"], let t = RFC3339.parse(s) { last = max(last, t) }
            }
            for n in expected {
                if case .string(let s)? = n["at"], let t = RFC3339.parse(s) { last = max(last, t) }
            }
            until = last + .days(1)
        }
    }

    /// Replays the events (those after `until` are not applied) and runs the timers up to `until`.
    func run(rules: Rules) throws -> [LeadNotification] {
        var sim = Simulation(rules: rules)
        var out: [LeadNotification] = []
        for (k, line) in eventLines.enumerated() {
            let event: Event
            do { event = try EventDecoder.decode(line) } catch { throw ScenarioError("\(name).events.jsonl:\(k + 1): \(error)") }
            if event.at > until { break }
            do { try sim.apply(event) { out += $0.notifications } } catch {
                throw ScenarioError("\(name).events.jsonl:\(k + 1): \(error)")
            }
        }
        sim.run(until: until) { out += $0.notifications }
        return out
    }

    /// Every difference between `actual` and the expected lines, as sentences.
    func compare(_ actual: [LeadNotification]) -> [String] {
        var problems: [String] = []
        var used = Set<Int>()
        var matchedOrder: [Int] = []
        for (k, e) in expected.enumerated() {
            let line = "expected line \(k + 1)"
            guard let hit = actual.indices.first(where: { !used.contains($0) && Self.key(actual[$0]) == Self.key(e) }) else {
                problems.append("missing (\(line)): \(Self.render(e))")
                continue
            }
            used.insert(hit)
            matchedOrder.append(hit)
            let a = actual[hit]
            for field in e.keys.sorted() where !["at", "kind", "lead", "to", "step"].contains(field) {
                let want = Self.text(e[field])
                let got: String?
                switch field {
                case "id": got = a.id
                case "deadline": got = a.deadline?.description
                case "reason": got = a.reason?.rawValue
                case "channel": got = a.channel?.rawValue
                case "action": got = a.action
                case "score": got = a.score.map(String.init)
                default: got = "(field \(field) unknown to the test)"
                }
                if want != got {
                    problems.append("\(line) \(Self.render(e)): \(field) is \(got ?? "absent"), expected \(want ?? "absent")")
                }
            }
            if e["deadline"] == nil, let d = a.deadline {
                problems.append("\(line) \(Self.render(e)): has deadline \(d), expected none")
            }
        }
        for i in actual.indices where !used.contains(i) {
            problems.append("unexpected: \(actual[i].jsonLine)")
        }
        if problems.isEmpty, matchedOrder != matchedOrder.sorted() {
            problems.append("order differs: expected lines appear in engine output at positions \(matchedOrder.map { $0 + 1 })")
        }
        return problems
    }

    struct Key: Hashable {
        var at: String?, kind: String?, lead: String?, to: String?, step: String?
    }

    static func key(_ n: LeadNotification) -> Key {
        Key(at: n.at.description, kind: n.kind.rawValue, lead: n.lead, to: n.to, step: n.step.map(String.init))
    }

    static func key(_ e: [String: JSONValue]) -> Key {
        Key(at: text(e["at"]), kind: text(e["kind"]), lead: text(e["lead"]), to: text(e["to"]), step: text(e["step"]))
    }

    /// A scalar as text; nil for absent or null.
    static func text(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: s
        case .number(let n)?: n
        case .bool(let b)?: b ? "true" : "false"
        default: nil
        }
    }

    static func render(_ e: [String: JSONValue]) -> String {
        var w = JSONWriter()
        w.value(nil, .object(JSONObject(e)))
        return w.text
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
