import FollowUpCore
import FollowUpFormats
import FollowUpWire
import HTTPTypes
import Hummingbird
import HummingbirdCore

extension APIEndpoints {
    /// `GET /v1/outbox?state=dead&receiver=&id=&limit=`: outbox rows, newest first.
    func outboxList(_ request: Request) async throws -> Response {
        let outbox = try requireOutbox()
        let query = try OutboxListParameters(request.uri.queryParameters).query
        let rows = try await outbox.entries(query)
        return JSONResponse.body(OutboxPageBody(notifications: rows.map(OutboxRowBody.init)))
    }

    /// `POST /v1/outbox/{id}/retry[?receiver=]`: dead (or pending) rows of the
    /// notification are due again now, their age counted from now. 404 when
    /// no undelivered row has that id.
    func outboxRetry(_ request: Request, context: some RequestContext) async throws -> Response {
        let outbox = try requireOutbox()
        let id = try Self.pathParameter("id", of: context)
        let receiver = try Self.receiverParameter(request)
        let count = try await outbox.requeue(id: id, receiver: receiver, at: clock())
        guard count > 0 else { throw Self.noUndelivered(id, receiver) }
        deliveryBell?.ring()
        return JSONResponse.body(RequeuedBody(id: id, requeued: count))
    }

    /// `DELETE /v1/outbox/{id}[?receiver=]`: drops undelivered rows of the
    /// notification (delivered ones are history and stay). 404 when none.
    func outboxDrop(_ request: Request, context: some RequestContext) async throws -> Response {
        let outbox = try requireOutbox()
        let id = try Self.pathParameter("id", of: context)
        let receiver = try Self.receiverParameter(request)
        let count = try await outbox.drop(id: id, receiver: receiver)
        guard count > 0 else { throw Self.noUndelivered(id, receiver) }
        return JSONResponse.body(DroppedBody(id: id, dropped: count))
    }

    private func requireOutbox() throws(APIError) -> any Outbox {
        guard let outbox else { throw APIError(status: .notFound, message: "this daemon has no outbox") }
        return outbox
    }

    private static func receiverParameter(_ request: Request) throws(APIError) -> String? {
        for (name, _) in request.uri.queryParameters where name != "receiver" {
            throw APIError(status: .badRequest, message: "unknown query parameter (only receiver)", field: String(name))
        }
        guard let raw = request.uri.queryParameters["receiver"], !raw.isEmpty else { return nil }
        return String(raw)
    }

    private static func noUndelivered(_ id: String, _ receiver: String?) -> APIError {
        APIError(status: .notFound,
                 message: "no undelivered notification \"\(id)\"\(receiver.map { " for receiver \"\($0)\"" } ?? "")", field: "id")
    }
}

/// The query of `GET /v1/outbox`, checked so a typo is a 400 naming the parameter.
struct OutboxListParameters {
    static let maxLimit = 1_000
    static let known: Set<Substring> = ["state", "receiver", "id", "limit"]

    var query = OutboxQuery()

    init(_ parameters: FlatDictionary<Substring, Substring>) throws(APIError) {
        for (name, _) in parameters where !Self.known.contains(name) {
            throw APIError(status: .badRequest, message: "unknown query parameter (one of state, receiver, id, limit)",
                           field: String(name))
        }
        if let raw = parameters["state"], !raw.isEmpty {
            guard let state = OutboxState(rawValue: String(raw)) else {
                let known = OutboxState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(status: .badRequest, message: "unknown state \"\(raw)\" (one of \(known))", field: "state")
            }
            query.state = state
        }
        if let raw = parameters["receiver"], !raw.isEmpty { query.receiver = String(raw) }
        if let raw = parameters["id"], !raw.isEmpty { query.id = CanonicalText.normalized(String(raw)) }
        if let raw = parameters["limit"], !raw.isEmpty { query.limit = try LimitParameter.parse(raw, max: Self.maxLimit) }
    }
}
