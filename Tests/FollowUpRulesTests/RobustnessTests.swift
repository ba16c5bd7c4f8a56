import FollowUpCore
import FollowUpRules
import Testing
import FollowUpTestSupport

/// No input crashes the loader: it either loads or reports problems with positions.
@Suite struct RobustnessTests {
    static let oddities: [String] = [
        "",
        "\n\n# only a comment\n",
        "~",
        "42",
        "- a\n- b",
        "[[[[[[[[[[]]]]]]]]]]",
        String(repeating: "[", count: 5_000),
        String(repeating: "- ", count: 2_000) + "x",
        (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n"),
        "calendars: &a\n  office: *a\n",
        "base: &b { x: 1 }\npolicies:\n  default:\n    <<: *b\n",
        "? [complex, key]\n: value\n",
        "calendars:\n  ? [a]\n  : {}\n",
        "triage: [{ name: [a], priority: {}, when: [[[]]] }]\n",
        "policies: { p: { steps: [[], {}, ~, 3], call_windows: { ranks: [~, [], { name: {} }] } } }\n",
        "reps: [~, 1, [], { id: ~ }, { id: \"\" }]\n",
        "scoring: { points: [1, 2], lifts: ~ }\n",
        "calendars: { office: { timezone: \"\", open: [{ days: \"\", hours: \",,\" }], holidays: [[]] } }\n",
        "priorities: { p: { first_touch: 99999999999999999999999999d } }\n",
        "priorities: { p: { first_touch: 9223372036854775807w } }\n",
        "\u{FEFF}fallback: bom\n",
        "fallback: \"\\u0000\"\n",
        "\u{0}",
        "%YAML 1.1\n--- !!map\nfallback: x\n",
        "!!binary |\n  aGVsbG8=\n",
        "a: b: c",
        "\"unterminated",
        "fallback: *undefined\n",
        "calendars:\r\n  office:\r\n    timezone: UTC\r\n    timezone: UTC\r\n",
        "x: {a: 1, a: 2}\n",
        "calendars: { office: { timezone: ../../../../etc/passwd, open: [{ days: mon, hours: 09:00-10:00 }] } }\n",
        "calendars: { office: { timezone: \"\(String(repeating: "A/", count: 500))\" } }\n",
        "reps: [{ id: a, timezone: / }, { id: b, timezone: . }, { id: c, timezone: UTC/../UTC }]\n",
    ]

    @Test(arguments: oddities.map(OddInput.init))
    func oddInputNeverCrashes(_ input: OddInput) {
        let problems = RuleFixtures.problems([(name: "odd.yaml", text: input.text)])
        // Every file-level problem has a position or names the file.
        #expect(problems.allSatisfy { $0.place?.file == "odd.yaml" && ($0.place?.line ?? 0) >= 0 && ($0.place?.column ?? 0) >= 0 })
        #expect(!problems.isEmpty)  // none of these alone is a complete rule set
    }

    /// Random edits of a valid set (deleted, duplicated, swapped characters)
    /// must never crash, and every error must point into a file.
    @Test func mutatedRuleSetsNeverCrash() {
        var random = SeededGenerator(seed: 0x5EED)
        let original = Array(RuleFixtures.base.unicodeScalars)
        for _ in 0..<400 {
            var text = original
            for _ in 0...Int(random.next() % 4) {
                let i = Int(random.next() % UInt64(text.count))
                switch random.next() % 4 {
                case 0: text.remove(at: i)
                case 1: text.insert(text[i], at: i)
                case 2: text.insert([" ", "\t", ":", "-", "[", "{", "\"", "#", "\n", "&", "*"][Int(random.next() % 11)], at: i)
                default: text.swapAt(i, Int(random.next() % UInt64(text.count)))
                }
            }
            let yaml = String(String.UnicodeScalarView(text))
            let problems = RuleFixtures.problems([(name: "m.yaml", text: yaml)])
            #expect(problems.allSatisfy { $0.place?.file == "m.yaml" })
        }
    }
}

/// An odd input, shown in test output by its first characters.
struct OddInput: Sendable, CustomTestStringConvertible {
    var text: String
    var testDescription: String {
        let head = text.prefix(40).unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
        return "\"\(head)\"" + (text.count > 40 ? "… (\(text.count) characters)" : "")
    }
}
