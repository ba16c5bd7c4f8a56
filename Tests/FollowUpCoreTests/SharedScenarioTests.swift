import Foundation
import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

/// The worked examples in ../shared/scenarios, run straight through the core
/// with the code-built default policy (the CLI runs them with the shipped files).
@Suite struct SharedScenarioTests {
    static let directory = SharedScenarios.directory

    static var names: [String] { SharedScenarios.files.map(\.lastPathComponent) }

    @Test(arguments: names)
    func scenarioMatchesExpectedNotifications(_ name: String) throws {
        let events = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let expectedPath = Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".events.", with: ".expected."))
        let expected = try String(contentsOf: expectedPath, encoding: .utf8)
            .split(separator: "\n").map { try JSONParser.parse(String($0)) }
        // Like ../shared/scenarios/check: until one day after the last event or expected notification.
        let times = (events.split(separator: "\n").map { try? JSONParser.parse(String($0)) } + expected.map { $0 })
            .compactMap { value -> Instant? in if case .string(let s)? = value?["at"] { RFC3339.parse(s) } else { nil } }
        let until = SharedScenarios.until(of: Self.directory.appendingPathComponent(name))
            ?? ((times.max() ?? Instant(secondsSinceEpoch: 0)) + .days(1)).description
        let actual = try simulate(events.components(separatedBy: "\n"), until: until)
        #expect(actual.count == expected.count, "\(actual.map(Seen.init))")
        for (a, e) in zip(actual, expected) {
            let seen = Seen(a)
            #expect(e["at"] == .string(seen.at), "\(seen)")
            #expect(e["kind"] == .string(seen.kind), "\(seen)")
            #expect(e["to"] == .string(seen.to), "\(seen)")
            #expect(e["lead"] == .string(seen.lead), "\(seen)")
            if case .number(let s)? = e["step"] { #expect(Int(s) == seen.step, "\(seen)") }
            if case .string(let d)? = e["deadline"] { #expect(d == seen.deadline, "\(seen)") }
            if case .string(let r)? = e["reason"] { #expect(r == seen.reason, "\(seen)") }
            if case .string(let id)? = e["id"] { #expect(id == a.id, "\(seen)") }
            if case .string(let c)? = e["channel"] { #expect(c == a.channel?.rawValue, "\(seen)") }
        }
    }

    @Test func thereAreScenariosToRun() {
        #expect(Self.names.count >= 3)
    }
}
