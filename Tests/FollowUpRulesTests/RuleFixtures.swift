import FollowUpCore
import FollowUpRules

/// Small rule sets for tests: a complete, valid base that a test adds one file to.
enum RuleFixtures {
    /// A minimal complete rule set in one file.
    static let base = """
        calendars:
          office:
            timezone: America/New_York
            open:
              - days: mon-fri
                hours: 08:00-18:00
        priorities:
          high: { first_touch: 5m }
          low: { first_touch: 4h }
          nurture: { cadence: false }
        triage:
          - name: everyone
            priority: low
        policies:
          default:
            calendar: office
            nurture_every: 30 days
            steps:
              - { name: first touch, channel: call, due: capture, deadline: due + first_touch }
        routing: { default_team: sales }
        fallback: sales-manager

        """

    /// The shipped `etc/followup/rules.d`, found from this file's path.
    static func shippedDirectory(_ filePath: String = #filePath) -> String {
        var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // RuleFixtures.swift, FollowUpRulesTests, Tests
        return parts.joined(separator: "/") + "/etc/followup/rules.d"
    }

    /// The problems loading `files` reports; empty when it loads.
    static func problems(_ files: [(name: String, text: String)]) -> [Diagnostic] {
        do {
            _ = try RuleSet.load(sources: files)
            return []
        } catch {
            return error.problems
        }
    }

    /// The base plus `text` as `case.yaml`, loaded after it.
    static func problems(addingCase text: String) -> [Diagnostic] {
        problems([(name: "base.yaml", text: base), (name: "case.yaml", text: text)])
    }
}
