import FollowUpCore
@testable import FollowUpWire
import Testing

/// The API error body and the answer to `POST /v1/events`.
@Suite struct ErrorAndEventsBodyTests {
    @Test(arguments: [
        APIErrorBody(message: "unknown lead \"L9\""),
        APIErrorBody(message: "expected an integer", field: "lead.company_size", index: 2),
        APIErrorBody(message: "this token lacks the scope", scope: "admin"),
    ])
    func apiErrorRoundTrips(_ body: APIErrorBody) throws {
        try expectRoundTrip(body)
    }

    @Test func apiErrorLeavesOutWhatDoesNotApply() {
        #expect(String(decoding: APIErrorBody(message: "no").jsonBytes, as: UTF8.self) == #"{"error":{"message":"no"}}"#)
    }

    @Test func acceptedEventsRoundTrip() throws {
        try expectRoundTrip(AcceptedEventsBody(accepted: [
            AcceptedEventBody(seq: 12, type: "lead.captured", lead: "L1", appliedAt: at(),
                              notifications: ["L1:lead.assigned:1:1"]),
            AcceptedEventBody(seq: 13, type: "rep.upserted", lead: nil, appliedAt: at(5), notifications: []),
        ]))
    }

    @Test func aMissingMemberIsNamedByItsPath() throws {
        let error = try wireError(#"{"accepted":[{"seq":1,"type":"x","lead":null,"applied":"2026-11-24T20:00:00Z","notifications":[]}]}"#,
                                  as: AcceptedEventsBody.self)
        #expect(error == Diagnostic(field: "accepted[0].applied_at", message: "missing"))
    }

    @Test func aMemberOfAnotherTypeIsNamed() throws {
        let error = try wireError(#"{"error":{"message":"x","index":"2"}}"#, as: APIErrorBody.self)
        #expect(error == Diagnostic(field: "error.index", message: "expected an integer, got a string"))
    }
}
