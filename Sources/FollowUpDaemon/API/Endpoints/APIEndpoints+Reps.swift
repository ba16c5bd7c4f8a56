import FollowUpCore
import FollowUpWire
import Hummingbird

extension APIEndpoints {
    /// `GET /v1/reps`: the whole roster in roster order, each rep with their
    /// availability now, planned change, weight, capacity and leads in cadence.
    /// It takes no parameters; one is refused by name, so a client that thinks
    /// it filters learns it does not.
    func reps(_ request: Request) async throws -> Response {
        for (name, _) in request.uri.queryParameters {
            throw APIError(status: .badRequest, message: "unknown query parameter (this endpoint takes none)", field: String(name))
        }
        let now = clock()
        let roster = try await queries.roster()
        return JSONResponse.body(RepsBody(at: now, reps: roster.map { RepBody($0, now: now) }))
    }
}
