import FollowUpCore
@testable import FollowUpWire
import Testing

/// `POST /v1/rules/preview`: the request and both answers.
@Suite struct RulesPreviewBodyTests {
    @Test func requestRoundTrips() throws {
        try expectRoundTrip(RulesPreviewRequestBody(files: [RuleFileBody(path: "/etc/followupd/rules/10-cadence.yaml",
                                                                          text: "steps:\n  - \"call\"\n")]))
    }

    @Test func aFileWithoutTextIsNamedByItsPlace() throws {
        let error = try wireError(#"{"files":[{"path":"a.yaml"}]}"#, as: RulesPreviewRequestBody.self)
        #expect(error == Diagnostic(field: "files[0].text", message: "missing"))
    }

    @Test func answersRoundTrip() throws {
        let moved = MovedLeadBody(lead: "L1", owner: nil,
                                  before: ObligationsBody(step: 2, due: at(), deadline: at(60), nurtureAt: nil),
                                  after: ObligationsBody(step: 2, due: at(30), deadline: at(90), nurtureAt: nil))
        try expectRoundTrip(RulesPreviewBody(valid: true, runningVersion: "3f2a", candidateVersion: "9c1d", examined: 40,
                                             moved: 12, leads: [moved]))
        try expectRoundTrip(InvalidRulesBody(valid: false, problems: ["a.yaml:3:1: unknown key \"stpes\""]))
    }
}
