import FollowUpCore
import FollowUpFormats
import FollowUpWire
import HTTPTypes
import Hummingbird
import NIOCore

extension APIEndpoints {
    /// `POST /v1/events`: decode the whole body (one event or an array), hand it
    /// to the timeline, and list what was accepted. A bad event rejects the
    /// whole request and nothing applies.
    func postEvents(_ request: Request, source: String) async throws -> Response {
        let body: ByteBuffer
        do {
            // Collected with a limit, so an oversized body is refused without being buffered.
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, message: "request body over \(maxBodyBytes) bytes (max_body_bytes)")
        }
        let batch = try EventBatch(body: body, now: clock())
        let accepted: [AcceptedEvent]
        do {
            accepted = try await intake.submit(batch.events, source: source)
        } catch let error as EventBatchError {
            throw APIError(error.error, index: batch.isArray ? error.index : nil)
        } catch let error as Diagnostic {
            throw APIError(error, index: nil)
        }
        let answer = AcceptedEventsBody(accepted: zip(batch.events, accepted).map { pending, result in
            AcceptedEventBody(seq: result.seq, type: pending.event.type, lead: pending.event.lead,
                              appliedAt: result.appliedAt, notifications: result.notifications.map(\.id))
        })
        return JSONResponse.body(answer)
    }
}
