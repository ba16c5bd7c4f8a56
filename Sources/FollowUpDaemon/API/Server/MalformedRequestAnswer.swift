import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives a request the HTTP parser rejected the API's JSON error instead of
/// Hummingbird's empty `400`.
///
/// A garbage request line, an invalid chunk size, oversized headers or a body
/// cut short of its `Content-Length` never reach the router: the parser fails,
/// and Hummingbird answers with an empty `400` and closes the connection. This
/// handler sits between the parser and Hummingbird: it remembers the parser's
/// error as it passes, and when that empty `400` is written it writes
/// ``APIError``'s body instead (`431` for oversized headers), so a client sees
/// the same `{"error":{"message":…}}` as for every other mistake.
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The parser's error on this connection, until its answer was written.
    private var failure: HTTPParserError?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { failure = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        // Only Hummingbird's own answer to the parse error: empty, untyped. A request the
        // router already answered (the parser failed on bytes after it) keeps its answer.
        guard let failure, case .head(let head) = part, head.status == .badRequest,
              head.headerFields[.contentLength] == "0", head.headerFields[.contentType] == nil
        else {
            context.write(data, promise: promise)
            return
        }
        self.failure = nil
        let error = Self.apiError(for: failure)
        let body = context.channel.allocator.buffer(bytes: error.json)
        var answer = HTTPResponse(status: error.status)
        answer.headerFields = head.headerFields
        answer.headerFields[.contentType] = "application/json"
        answer.headerFields[.contentLength] = String(body.readableBytes)
        answer.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(answer)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: promise)
    }

    /// The error for what the parser rejected, in words a client can act on.
    static func apiError(for failure: HTTPParserError) -> APIError {
        switch failure {
        case .headerOverflow:
            return APIError(status: .requestHeaderFieldsTooLarge, message: "request headers too large")
        case .invalidEOFState:
            return APIError(status: .badRequest, message: "malformed HTTP request: the connection ended inside the request (a body shorter than its Content-Length?)")
        case .invalidChunkSize:
            return APIError(status: .badRequest, message: "malformed HTTP request: invalid chunk size")
        case .invalidContentLength, .unexpectedContentLength:
            return APIError(status: .badRequest, message: "malformed HTTP request: invalid Content-Length")
        default:
            return APIError(status: .badRequest, message: "malformed HTTP request: \(failure.debugDescription)")
        }
    }
}
