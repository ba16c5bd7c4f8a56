import NIOCore
import NIOHTTP1

/// A relay POST as the bytes that go on the wire, in one buffer: request
/// line, headers, blank line, body; sent with one `write`. In place of NIO's
/// `HTTPRequestEncoder` and its header validator, which cost a pipeline pass
/// per part, a header serialisation with checks, and a second buffer per
/// request (issue 16: the one-per-POST path is CPU per request).
///
/// The body always goes with a `Content-Length` (the pool sets it). A header
/// name or value with a CR, LF or NUL is refused (nothing is sent), as NIO's
/// validator did: such a byte would end the header early and let a
/// configured value add headers of its own.
enum RelayRequestBytes {
    static func encode(_ head: HTTPRequestHead, body: ByteBuffer,
                       allocator: ByteBufferAllocator) throws(RelayRequestError) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 64 + head.uri.utf8.count + 48 * head.headers.count + body.readableBytes)
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
        buffer.writeImmutableBuffer(body)
        return buffer
    }

    /// Appends `text`, refusing a CR, LF or NUL in it.
    private static func checked(_ text: String, header: String, in buffer: inout ByteBuffer) throws(RelayRequestError) {
        if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            throw RelayRequestError.lineBreakInHeader(header)
        }
        buffer.writeString(text)
    }
}

/// A request ``RelayRequestBytes`` would not write.
enum RelayRequestError: Error, Equatable, CustomStringConvertible {
    /// A header (or the request target) holds a CR, LF or NUL.
    case lineBreakInHeader(String)

    var description: String {
        switch self {
        case .lineBreakInHeader(let name): "header \(String(reflecting: name)) holds a line break or NUL; not sent"
        }
    }
}
