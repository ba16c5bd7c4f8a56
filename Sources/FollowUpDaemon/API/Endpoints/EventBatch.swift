import FollowUpCore
import FollowUpFormats
import HTTPTypes
import NIOCore

/// The body of `POST /v1/events`, decoded whole before anything is applied:
/// one event object, or a non-empty array of them.
struct EventBatch {
    var events: [PendingEvent]
    /// Whether the body was an array: errors then carry the event's `index`.
    var isArray: Bool

    /// Decodes every event, filling a missing `at` with `now`.
    /// - Throws: ``APIError`` (400) for the first bad event, naming its field and index.
    init(body: ByteBuffer, now: Instant) throws(APIError) {
        let parsed: Result<JSONValue, JSONParser.Failure> = body.withUnsafeReadableBytes { raw in
            let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
            do throws(JSONParser.Failure) { return .success(try JSONParser.parse(bytes)) } catch { return .failure(error) }
        }
        let value: JSONValue
        switch parsed {
        case .success(let v): value = v
        case .failure(let failure):
            throw APIError(status: .badRequest, message: "the body is not JSON: \(failure.description)")
        }
        switch value {
        case .array(let items):
            guard !items.isEmpty else {
                throw APIError(status: .badRequest, message: "empty batch: send one event object or a non-empty array of them")
            }
            isArray = true
            events = []
            events.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                events.append(try Self.decode(item, now: now, index: index))
            }
        case .object:
            isArray = false
            events = [try Self.decode(value, now: now, index: nil)]
        default:
            throw APIError(status: .badRequest,
                           message: "the body must be an event object or an array of them, got \(value.typeDescription)")
        }
    }

    private static func decode(_ value: JSONValue, now: Instant, index: Int?) throws(APIError) -> PendingEvent {
        do throws(Diagnostic) {
            let event = try EventDecoder.decode(value, defaultAt: now)
            return PendingEvent(event: event, hasTime: hasTime(value))
        } catch {
            throw APIError(error, index: index)
        }
    }

    /// Whether the event gave its own `at`; the decoder treats null and "" as absent, and so does this.
    private static func hasTime(_ value: JSONValue) -> Bool {
        if case .string(let text)? = value["at"], !text.isEmpty { return true }
        return false
    }
}
