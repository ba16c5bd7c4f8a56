import FollowUpCore
import FollowUpFormats
import FollowUpWire
import Hummingbird

extension APIEndpoints {
    /// `POST /v1/testing/clock` `{"now":"2026-11-24T20:05:00Z"}`: moves the manual
    /// test clock forward and answers once every timer due by then has fired.
    /// Routed only when the config enables testing with a manual clock.
    func advanceTestingClock(_ request: Request) async throws -> Response {
        guard let testing else { throw APIError(status: .notFound, message: "no testing clock (testing is off)") }
        let body = try await request.body.collect(upTo: 4_096)
        guard let json = try? JSONParser.parse(String(buffer: body)), let request = try? TestingClockBody(json: json) else {
            throw APIError(status: .badRequest, message: "expected {\"now\": RFC 3339 time}", field: "now")
        }
        try await testing.advance(to: request.now)
        return JSONResponse.body(request)
    }
}
