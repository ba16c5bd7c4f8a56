import NIOCore
import NIOHTTP1

/// Writes a relay POST (head, body, end) as one buffer: the request line,
/// the headers and the body, sent with one `write` when flushed. In place of
/// NIO's `HTTPRequestEncoder` and its header validator, which cost a pipeline
/// pass, a header serialisation with checks, and a second buffer per request
/// (issue 16: the one-per-POST path is CPU per request). The request parts
/// still pass NIO's response decoder on the way, which needs the head.
///
/// The body always goes with a `Content-Length` (the pool sets it); chunked
/// bodies are not written. A header name or value with a CR, LF or NUL is
/// refused (the write fails, nothing is sent): such a byte would end the
/// header early and let a configured value add headers of its own.
final class RelayRequestEncoder: ChannelOutboundHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = ByteBuffer

    /// The request being put together: the head's bytes, then the body's.
    private var pending: ByteBuffer?
    private var refused: RelayRequestError?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            refused = nil
            let bodyLength = head.headers.first(name: "Content-Length").flatMap { Int($0) } ?? 0
            var buffer = context.channel.allocator.buffer(capacity: 64 + head.uri.utf8.count + 48 * head.headers.count + bodyLength)
            do {
                try Self.write(head, to: &buffer)
                pending = buffer
                promise?.succeed()
            } catch {
                refused = error
                pending = nil
                promise?.fail(error)
            }
        case .body(.byteBuffer(let body)):
            if refused == nil { pending?.writeImmutableBuffer(body) }
            promise?.succeed()
        case .body(.fileRegion):
            // Never written by the pool: bodies are bytes in memory.
            promise?.fail(RelayRequestError.unsupportedBody)
        case .end:
            if let refused {
                promise?.fail(refused)
                self.refused = nil
                return
            }
            guard let buffer = pending else {
                promise?.succeed()
                return
            }
            pending = nil
            context.write(wrapOutboundOut(buffer), promise: promise)
        }
    }

    /// `METHOD TARGET HTTP/1.1`, then `Name: value` lines and the blank line.
    static func write(_ head: HTTPRequestHead, to buffer: inout ByteBuffer) throws(RelayRequestError) {
        buffer.writeString(head.method.rawValue)
        buffer.writeInteger(UInt8(ascii: " "))
        try checked(head.uri, header: "request target", in: &buffer)
        buffer.writeStaticString(" HTTP/1.1\r\n")
        for (name, value) in head.headers {
            try checked(name, header: name, in: &buffer)
            buffer.writeStaticString(": ")
            try checked(value, header: name, in: &buffer)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    /// Appends `text`, refusing a CR, LF or NUL in it.
    private static func checked(_ text: String, header: String, in buffer: inout ByteBuffer) throws(RelayRequestError) {
        if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            throw RelayRequestError.lineBreakInHeader(header)
        }
        buffer.writeString(text)
    }
}

/// A request the ``RelayRequestEncoder`` would not write.
enum RelayRequestError: Error, Equatable, CustomStringConvertible {
    /// A header (or the request target) holds a CR, LF or NUL.
    case lineBreakInHeader(String)
    /// A body from a file; the pool sends bytes only.
    case unsupportedBody

    var description: String {
        switch self {
        case .lineBreakInHeader(let name): "header \(String(reflecting: name)) holds a line break or NUL; not sent"
        case .unsupportedBody: "a file body cannot be sent to a relay"
        }
    }
}
