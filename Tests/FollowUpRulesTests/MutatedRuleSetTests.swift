import FollowUpCore
import FollowUpFormats
import FollowUpRules
import Foundation
import Testing

/// 1,000 damaged copies each of the shipped rule set and the territories
/// example, one file hurt in each: every
/// copy is either refused with an error that has a line and names the damaged
/// file, or accepted and then safe to run, with a short event script through
/// the engine (a number the engine adds or multiplies that passed the reader
/// would crash it here).
@Suite struct MutatedRuleSetTests {
    static let sets = 1_000

    /// The files of a rules directory, in load order.
    static func files(in directory: String) -> [(name: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        return names.map { ($0, (try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) ?? "") }
    }

    /// The shipped files, in load order.
    static let shipped = files(in: RuleFixtures.shippedDirectory())
    /// The territories example (teams, strategies, weights, capacities), in load order.
    static let territories = files(in: RuleFixtures.shippedDirectory()
        .replacing("etc/followup/rules.d", with: "examples/rules.d-territories"))

    /// Reps, captures routed and owned, scores at the bound, activities, touches,
    /// a snooze, a decline and closes: the engine paths rule numbers feed.
    static let script = [
        #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"alice","team":"sales","backup":"bob","timezone":"America/New_York"}}"#,
        #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"bob","team":"sales","backup":"carol"}}"#,
        #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"carol","team":"sales"}}"#,
        #"{"at":"2026-12-07T14:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"a@l1.test","owner":"alice","score":1000000}}"#,
        #"{"at":"2026-12-07T14:01:00Z","type":"lead.captured","lead":{"id":"L2","source":"newsletter","email":"b@l2.test","company_size":10000000}}"#,
        #"{"at":"2026-12-07T14:02:00Z","type":"lead.captured","lead":{"id":"L3","source":"trade_show","phone":"+15550100","score":-1000000}}"#,
        #"{"at":"2026-12-07T14:03:00Z","type":"lead.captured","lead":{"id":"L4","source":"chat"}}"#,
        #"{"at":"2026-12-07T14:10:00Z","type":"lead.activity","lead":"L1","action":"quote_requested"}"#,
        #"{"at":"2026-12-07T14:11:00Z","type":"lead.activity","lead":"L3","action":"pdf_download"}"#,
        #"{"at":"2026-12-07T14:12:00Z","type":"lead.activity","lead":"L3","action":"info_requested"}"#,
        #"{"at":"2026-12-07T14:20:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"}"#,
        #"{"at":"2026-12-07T14:30:00Z","type":"touch.logged","lead":"L2","rep":"bob","channel":"email","outcome":"sent"}"#,
        #"{"at":"2026-12-07T15:00:00Z","type":"lead.snoozed","lead":"L2","until":"2026-12-20T15:00:00Z","rep":"bob","reason":"budget"}"#,
        #"{"at":"2026-12-07T15:05:00Z","type":"lead.declined","lead":"L3","rep":"carol","reason":"not mine"}"#,
        #"{"at":"2026-12-08T16:00:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected"}"#,
        #"{"at":"2026-12-09T10:00:00Z","type":"lead.status","lead":"L1","status":"won"}"#,
    ].map { line in Result { try EventDecoder.decode(line) } }

    @Test(arguments: ["shipped", "territories"])
    func everyDamagedSetIsRefusedWithAPlaceOrRunsSafely(_ set: String) throws {
        let original = set == "shipped" ? Self.shipped : Self.territories
        #expect(original.count >= 4, "the \(set) rules were not found")
        var refused = 0
        var failures: [String] = []
        for index in 0..<Self.sets {
            var mutator = RuleMutator(seed: (set == "shipped" ? 0x5EED_0000 : 0x7E44_0000) + UInt64(index))
            let victim = mutator.pick(original.count - 1)
            var files = original
            let (text, edits) = mutator.mutate(files[victim].text)
            files[victim].text = text
            let damaged = files[victim].name
            let label = "set \(index) (\(damaged): \(edits.joined(separator: ", ")))"
            do {
                let loaded = try RuleSet.load(sources: files)
                Self.run(loaded.rules)
            } catch {
                refused += 1
                // Every error has a line; one problem (an error, or a note that the file looks cut short) is in the damaged file.
                let errors = error.problems.filter { $0.severity == .error }
                if let unplaced = error.problems.first(where: { ($0.place?.line ?? 0) < 1 }) {
                    failures.append("\(label): a problem without a line: \(unplaced)")
                } else if errors.isEmpty {
                    failures.append("\(label): refused without an error: \(error.problems.map(\.description))")
                } else if !error.problems.contains(where: { $0.place?.file == damaged }) {
                    failures.append("\(label): nothing names \(damaged): \(error.problems.map(\.description))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.sets):\n\(failures.prefix(15).joined(separator: "\n"))")
        // The mix must exercise both branches, or the test proves little.
        #expect(refused > Self.sets / 4 && refused < Self.sets * 9 / 10, "\(refused) of \(Self.sets) refused")
    }

    /// Applies the script and fires timers for 40 days, in steps, stopping
    /// early once a set has made plenty of notifications (a 1s `nurture_every`
    /// is legal and would otherwise make millions).
    static func run(_ rules: Rules) {
        var simulation = Simulation(rules: rules)
        var made = 0
        for event in script {
            guard case .success(let event) = event else { continue }
            // Events the damaged rules make invalid (an unknown rep) are refused: that is fine.
            try? simulation.apply(event) { made += $0.notifications.count }
        }
        var until = simulation.now ?? Instant(secondsSinceEpoch: 0)
        for _ in 0..<40 where made < 5_000 {
            until = until + .days(1)
            simulation.run(until: until) { made += $0.notifications.count }
        }
    }
}
