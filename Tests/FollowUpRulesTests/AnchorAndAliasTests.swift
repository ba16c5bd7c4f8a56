import FollowUpCore
import FollowUpRules
import Foundation
import Testing

/// YAML anchors and aliases are refused before the file is composed: a few
/// lines of nested aliases stand for billions of nodes, and a rules preview
/// must not spend the daemon's CPU expanding them.
@Suite struct AnchorAndAliasTests {
    /// `levels` lists of ten aliases to the level below: 10^levels nodes.
    static func laughs(levels: Int, under section: String) -> String {
        var text = "x0: &l0 [{ source: chat }]\n"
        for level in 1...levels {
            text += "x\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text + section.replacing("BIG", with: "*l\(levels)")
    }

    static let shapes = [
        // The readers walk a triage rule's `when` list.
        "triage:\n  - name: big\n    priority: low\n    when: BIG\n",
        // Yams hashes every mapping key to find repeats, aliases expanded.
        "scoring:\n  points:\n    ? BIG\n    : 1\n",
    ]

    @Test(arguments: shapes)
    func nestedAliasesAreRefusedAtOnce(_ shape: String) {
        let start = ContinuousClock.now
        let problems = RuleFixtures.problems(addingCase: Self.laughs(levels: 6, under: shape))
        #expect(ContinuousClock.now - start < .seconds(1), "a million nodes took 3 s before the scan; nine levels, an hour")
        #expect(problems.map(\.description).contains { $0.hasPrefix("case.yaml:1:5: error: a YAML anchor (&name) is not allowed here") },
                "\(problems.prefix(3).map(\.description))")
    }

    @Test(arguments: [
        ("fallback: *nobody\n", "case.yaml:1:11: error: a YAML alias (*name) is not allowed here"),
        ("reps:\n  - { id: a, name: &n Ann }\n", "case.yaml:2:20: error: a YAML anchor (&name)"),
        ("reps: [&r { id: a }]\n", "case.yaml:1:8: error: a YAML anchor (&name)"),
    ])
    func anchorsAndAliasesArePlaced(_ text: String, _ expected: String) {
        let problems = RuleFixtures.problems(addingCase: text).map(\.description)
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }

    /// `&` and `*` inside words, quotes and comments are text.
    @Test func ampersandsInTextAreNotAnchors() throws {
        let text = """
            # R&D and *sales* leads: see &notes in the wiki
            reps:
              - { id: rd, name: "R&D *team*", team: sales }
              - { id: ops, name: 'Ops &co', team: sales }
              - { id: dev, name: "a \\" &b", team: R&D }

            """
        let loaded = try RuleSet.load(sources: [(name: "base.yaml", text: RuleFixtures.base), (name: "case.yaml", text: text)])
        #expect(loaded.summary.contains("3 reps"), "\(loaded.summary)")
    }
}
