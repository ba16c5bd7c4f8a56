import FollowUpCore
import FollowUpFormats
import FollowUpWire
import HTTPTypes
import Hummingbird
import NIOCore

/// Responses whose body is JSON written with the core's ``JSONWriter``
/// (deterministic member order, times as `YYYY-MM-DDTHH:MM:SSZ`).
enum JSONResponse {
    /// `Content-Type: application/json` with `bytes` as the body.
    static func make(status: HTTPResponse.Status = .ok, bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Responds with one API body (``WireBody``), written as the shared type writes it.
    static func body(status: HTTPResponse.Status = .ok, _ body: some WireBody) -> Response {
        make(status: status, bytes: body.jsonBytes)
    }
}
