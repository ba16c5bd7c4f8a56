@testable import FollowUpNotify
import NIOCore
import Testing

/// The webhook client's own reading of a relay's answer (issue 16): every
/// framing a relay may use, fed whole and a byte at a time, as a socket may
/// hand it over.
@Suite struct RelayAnswerReaderTests {
    /// Feeds `text` in pieces of `step` bytes; the answer, and how many bytes were left after it.
    static func read(_ text: String, step: Int = .max, close: Bool = false) throws -> (RelayAnswer?, Int) {
        var reader = RelayAnswerReader()
        var pending = ByteBuffer(string: "")
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let piece = bytes.prefix(step)
            bytes = bytes.dropFirst(piece.count)
            pending.writeBytes(piece)
            if let answer = try reader.read(&pending) { return (answer, pending.readableBytes + bytes.count) }
        }
        return (close ? reader.readClose() : nil, 0)
    }

    @Test(arguments: [1, 3, 1_000])
    func aContentLengthAnswerIsReadWholeInAnyPieces(_ step: Int) throws {
        let (answer, left) = try Self.read("HTTP/1.1 202 Accepted\r\nContent-Type: text/plain\r\nCONTENT-LENGTH: 5\r\n\r\nqueuedHTTP", step: step)
        #expect(answer?.status == 202)
        #expect(answer?.text == "queue")
        #expect(answer?.keepAlive == true)
        #expect(left == 5, "bytes after the answer are not part of it")
    }

    @Test(arguments: [1, 7, 1_000])
    func aChunkedAnswerWithExtensionsAndTrailersIsReadWhole(_ step: Int) throws {
        let text = "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;note=x\r\nrela\r\n0A\r\ny is down.\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let (answer, left) = try Self.read(text, step: step)
        #expect(answer?.status == 500)
        #expect(answer?.text == "relay is down.")
        #expect(answer?.keepAlive == true)
        #expect(left == 0)
    }

    @Test func anInterimAnswerIsSkipped() throws {
        let (answer, _) = try Self.read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(answer?.status == 200)
        #expect(answer?.text == "ok")
    }

    @Test func noContentAndNotModifiedHaveNoBody() throws {
        #expect(try Self.read("HTTP/1.1 204 No Content\r\n\r\n").0?.status == 204)
        #expect(try Self.read("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n").0?.status == 304)
    }

    @Test func connectionCloseAndHTTP10EndTheConnection() throws {
        #expect(try Self.read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").0?.keepAlive == false)
        #expect(try Self.read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").0?.keepAlive == false)
        #expect(try Self.read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").0?.keepAlive == true)
    }

    @Test func aBodyWithoutLengthRunsUntilTheClose() throws {
        let (open, _) = try Self.read("HTTP/1.0 200 OK\r\n\r\nall of it", step: 4)
        #expect(open == nil, "complete only when the relay closes")
        let (closed, _) = try Self.read("HTTP/1.0 200 OK\r\n\r\nall of it", step: 4, close: true)
        #expect(closed?.text == "all of it")
        #expect(closed?.keepAlive == false)
    }

    @Test func onlyTheStartOfALargeBodyIsKept() throws {
        let size = RelayAnswerReader.keptBodyBytes + 1_000
        let (answer, left) = try Self.read("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n" + String(repeating: "x", count: size))
        #expect(answer?.text.utf8.count == RelayAnswerReader.keptBodyBytes)
        #expect(left == 0)
    }

    @Test(arguments: ["SMTP/1.1 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/2 200\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"])
    func whatIsNoHTTPAnswerIsRefused(_ text: String) {
        #expect(throws: RelayExchangeError.malformedAnswer) { try Self.read(text) }
    }

    @Test func endlessHeadersAreRefused() {
        let text = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 4_000)
        #expect(throws: RelayExchangeError.malformedAnswer) { try Self.read(text, step: 1_000) }
    }
}
