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
        let key = try IdempotencyKey.read(request.headers)
        let batch = try EventBatch(body: body, now: clock())
        let events = batch.events
        let answer: @Sendable ([AcceptedEvent]) -> AcceptedEventsBody = { accepted in
            AcceptedEventsBody(accepted: zip(events, accepted).map { pending, result in
                AcceptedEventBody(seq: result.seq, type: pending.event.type, lead: pending.event.lead,
                                  appliedAt: result.appliedAt, notifications: result.notifications.map(\.id))
            })
        }
        do {
            guard let key else {
                // The hot path: no key, no lookup.
                return JSONResponse.body(answer(try await intake.submit(events, source: source)))
            }
            let once = IdempotentRequest(key: key, fingerprint: IdempotencyKey.fingerprint(body), answer: {
                String(decoding: answer($0).jsonBytes, as: UTF8.self)
            })
            return JSONResponse.make(bytes: Array(try await intake.submit(events, source: source, once: once).utf8))
        } catch let error as EventBatchError {
            throw APIError(error.error, index: batch.isArray ? error.index : nil)
        } catch let error as Diagnostic {
            throw APIError(error, index: nil)
        } catch let error as IdempotencyConflict {
            throw APIError(status: .unprocessableContent, message: error.description, field: IdempotencyKey.header.rawName)
        }
    }
}
