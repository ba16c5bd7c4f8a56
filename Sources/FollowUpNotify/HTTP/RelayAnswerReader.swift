import NIOCore

/// Reads a relay's HTTP/1.x answer from the bytes of a keep-alive connection:
/// the status, the start of the body, and whether the connection may carry
/// another request. Fed whatever the socket gave; says when an answer is
/// complete. Interim (1xx) answers are skipped.
///
/// Why not NIO's `HTTPResponseDecoder`: per answer it builds a head with
/// its headers, fires three pipeline events and runs llhttp's callbacks,
/// a measurable share of the CPU per notification against a local relay
/// (issue 16). A relay's answer needs only its status, its framing
/// (`Content-Length`, chunked, or until close) and `Connection`.
struct RelayAnswerReader {
    /// Bytes of status line and headers tolerated before the answer is malformed.
    static let headLimit = 64 << 10
    /// Only the start of an answer is kept: it is for the logs, and a relay
    /// that streams megabytes back must not cost memory.
    static let keptBodyBytes = 64 << 10

    private enum Stage {
        case statusLine
        case headers
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
    }

    private var stage = Stage.statusLine
    private var status = 0
    private var keepAlive = true
    private var http10 = false
    private var contentLength: Int?
    private var chunked = false
    private var headBytes = 0
    private var text: [UInt8] = []

    /// Whether part of an answer has been read (a close now cuts it off).
    private(set) var started = false

    /// Consumes what it can of `buffer`; returns the answer once complete.
    /// - Throws: ``RelayExchangeError/malformedAnswer`` for bytes that are no HTTP/1.x answer.
    mutating func read(_ buffer: inout ByteBuffer) throws(RelayExchangeError) -> RelayAnswer? {
        while buffer.readableBytes > 0 || Self.isEmpty(stage) {
            switch stage {
            case .statusLine:
                guard let line = try line(from: &buffer) else { return nil }
                started = true
                try readStatusLine(line)
                stage = .headers
            case .headers:
                guard let line = try line(from: &buffer) else { return nil }
                if !line.isEmpty {
                    try readHeader(line)
                    continue
                }
                if (100..<200).contains(status) && status != 101 {
                    reset(keepingStarted: true)
                    continue
                }
                if status == 101 || status == 204 || status == 304 { return finish(keepAlive: status != 101) }
                headBytes = 0
                if chunked {
                    stage = .chunkSize
                } else if let contentLength {
                    stage = .fixed(remaining: contentLength)
                } else {
                    stage = .untilClose
                }
            case .fixed(let remaining):
                if remaining == 0 { return finish(keepAlive: keepAlive) }
                let taken = take(&buffer, upTo: remaining)
                stage = .fixed(remaining: remaining - taken)
            case .chunkSize:
                guard let line = try line(from: &buffer) else { return nil }
                let digits = line.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") }
                guard !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
                else { throw .malformedAnswer }
                stage = size == 0 ? .trailers : .chunkData(remaining: size)
                headBytes = 0
            case .chunkData(let remaining):
                let taken = take(&buffer, upTo: remaining)
                stage = remaining == taken ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
            case .chunkDataEnd:
                guard let line = try line(from: &buffer) else { return nil }
                guard line.isEmpty else { throw .malformedAnswer }
                stage = .chunkSize
                headBytes = 0
            case .trailers:
                guard let line = try line(from: &buffer) else { return nil }
                if line.isEmpty { return finish(keepAlive: keepAlive) }
            case .untilClose:
                _ = take(&buffer, upTo: buffer.readableBytes)
            }
        }
        return nil
    }

    /// The connection closed: an answer whose body runs until the close is
    /// complete now; nil when none was under way or it was cut off.
    mutating func readClose() -> RelayAnswer? {
        guard case .untilClose = stage else { return nil }
        return finish(keepAlive: false)
    }

    /// Stages that can finish without another byte.
    private static func isEmpty(_ stage: Stage) -> Bool {
        if case .fixed(remaining: 0) = stage { return true }
        return false
    }

    private mutating func finish(keepAlive: Bool) -> RelayAnswer {
        let answer = RelayAnswer(status: status, text: String(decoding: text, as: UTF8.self), keepAlive: keepAlive)
        reset(keepingStarted: false)
        return answer
    }

    private mutating func reset(keepingStarted: Bool) {
        stage = .statusLine
        status = 0
        keepAlive = true
        http10 = false
        contentLength = nil
        chunked = false
        if !keepingStarted {
            headBytes = 0
            text.removeAll(keepingCapacity: true)
            started = false
        }
    }

    /// `HTTP/1.1 200 OK`: the status, and the version's keep-alive default.
    private mutating func readStatusLine(_ line: [UInt8]) throws(RelayExchangeError) {
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, Array(line[0..<7]) == prefix, line[7] == UInt8(ascii: "0") || line[7] == UInt8(ascii: "1"),
              line[8] == UInt8(ascii: " ") else { throw .malformedAnswer }
        var code = 0
        for byte in line[9..<12] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .malformedAnswer }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard line.count == 12 || line[12] == UInt8(ascii: " ") else { throw .malformedAnswer }
        status = code
        http10 = line[7] == UInt8(ascii: "0")
        keepAlive = !http10
    }

    /// The headers that matter: the body's framing and `Connection`.
    private mutating func readHeader(_ line: [UInt8]) throws(RelayExchangeError) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { throw .malformedAnswer }
        let name = line[..<colon]
        // Most headers (Date, Content-Type, Keep-Alive …) are passed by without making a string of them.
        if Self.named(name, "content-length") {
            guard let length = Int(Self.value(line[(colon + 1)...])), length >= 0, contentLength == nil || contentLength == length else {
                throw .malformedAnswer
            }
            contentLength = length
        } else if Self.named(name, "transfer-encoding") {
            let codings = Self.value(line[(colon + 1)...]).split(separator: ",")
            if codings.last.map({ $0.trimmingASCIISpaces() == "chunked" }) == true { chunked = true }
        } else if Self.named(name, "connection") {
            let tokens = Self.value(line[(colon + 1)...]).split(separator: ",").map { $0.trimmingASCIISpaces() }
            if tokens.contains("close") { keepAlive = false } else if http10 && tokens.contains("keep-alive") { keepAlive = true }
        }
    }

    /// Whether a header's name is `lowercase` (ASCII, any case).
    private static func named(_ name: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        guard name.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(name, expected).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) == $1 }
        }
    }

    /// A header's value, trimmed and in lower case.
    private static func value(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingASCIISpaces().lowercased()
    }

    /// The next line without its CRLF (or bare LF); nil until one is complete.
    private mutating func line(from buffer: inout ByteBuffer) throws(RelayExchangeError) -> [UInt8]? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if headBytes + view.count > Self.headLimit { throw .malformedAnswer }
            return nil
        }
        let length = newline - view.startIndex
        headBytes += length + 1
        if headBytes > Self.headLimit { throw .malformedAnswer }
        var line = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    /// Takes up to `most` body bytes, keeping the start of the body.
    private mutating func take(_ buffer: inout ByteBuffer, upTo most: Int) -> Int {
        let count = min(most, buffer.readableBytes)
        let room = Self.keptBodyBytes - text.count
        if room > 0, let kept = buffer.getBytes(at: buffer.readerIndex, length: min(room, count)) { text += kept }
        buffer.moveReaderIndex(forwardBy: count)
        return count
    }
}

private extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
