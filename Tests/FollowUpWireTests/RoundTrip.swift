import FollowUpCore
import FollowUpFormats
@testable import FollowUpWire
import Testing

/// Writes `body`, parses the bytes and reads them back: the value must be the
/// same and so must the bytes written again, so what the daemon writes is
/// exactly what followupctl and the tests read.
func expectRoundTrip<Body: WireBody>(_ body: Body, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let bytes = body.jsonBytes
    let parsed = try JSONParser.parse(String(decoding: bytes, as: UTF8.self))
    let read = try Body(json: parsed)
    #expect(read == body, sourceLocation: sourceLocation)
    #expect(String(decoding: read.jsonBytes, as: UTF8.self) == String(decoding: bytes, as: UTF8.self),
            sourceLocation: sourceLocation)
}

/// Reads `text` as `Body` and returns the error it throws.
func wireError<Body: WireBody>(_ text: String, as body: Body.Type) throws -> Diagnostic? {
    let parsed = try JSONParser.parse(text)
    do throws(Diagnostic) {
        _ = try Body(json: parsed)
        return nil
    } catch {
        return error
    }
}

/// `2026-11-24T20:00:00Z` plus `minutes`.
func at(_ minutes: Int64 = 0) -> Instant {
    RFC3339.parse("2026-11-24T20:00:00Z")! + .minutes(minutes)
}
