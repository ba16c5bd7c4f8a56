import NIOCore

/// The dialogue over one connection: send a line, read the reply. Replies are
/// read from the channel's inbound byte stream and split into lines here, so
/// a TLS handler can be put under it mid-session (STARTTLS) without touching
/// the reader.
struct SMTPSession {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []
    /// Replies longer than this are a broken relay, not a reason to grow without bound.
    static let maxLineBytes = 64 << 10

    init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Reads one whole reply.
    mutating func reply() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await readLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw SMTPFailure(message: "malformed reply \"\(line.prefix(80))\"", permanent: false)
            }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return SMTPReply(code: code, lines: lines) }
        }
    }

    /// Sends a command line and reads its reply, which must have one of `expected` codes.
    @discardableResult
    mutating func command(_ line: String, expect expected: Set<Int>, shown: String? = nil) async throws -> SMTPReply {
        try await write(Array((line + "\r\n").utf8))
        let answer = try await reply()
        guard expected.contains(answer.code) else { throw SMTPFailure.unexpected(answer, to: shown ?? line) }
        return answer
    }

    /// Reads the greeting or any reply that must have one of `expected` codes.
    @discardableResult
    mutating func expect(_ expected: Set<Int>, after what: String) async throws -> SMTPReply {
        let answer = try await reply()
        guard expected.contains(answer.code) else { throw SMTPFailure.unexpected(answer, to: what) }
        return answer
    }

    mutating func write(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    private mutating func readLine() async throws -> String {
        while true {
            if let lf = pending.firstIndex(of: 0x0A) {
                var end = lf
                if end > 0, pending[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(lf + 1)
                return line
            }
            guard pending.count < Self.maxLineBytes else {
                throw SMTPFailure(message: "reply line longer than \(Self.maxLineBytes) bytes", permanent: false)
            }
            guard let buffer = try await inbound.next() else {
                throw SMTPFailure(message: "the relay closed the connection", permanent: false)
            }
            pending.append(contentsOf: buffer.readableBytesView)
        }
    }
}
