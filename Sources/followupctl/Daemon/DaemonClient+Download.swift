import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

extension DaemonClient {
    /// What a download wrote and the answer's headers.
    struct Download {
        var bytes: Int
        var headers: HTTPHeaders
    }

    /// POSTs to `uri` and streams a 2xx answer's body into `descriptor` (a
    /// backup can be far larger than anything worth holding in memory); any
    /// other answer is the daemon's error as a ``CtlError``.
    ///
    /// - Throws: a ``CtlError`` when the body ends short of its `Content-Length`.
    func download(_ uri: String, into descriptor: Int32) async throws(CtlError) -> Download {
        guard let url = endpoint.url(for: uri) else { throw CtlError("cannot build a URL for \(endpoint)\(uri)") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if case .tcp(_, let token) = endpoint { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response: HTTPClientResponse
        do {
            // The daemon copies the whole database before it answers: allow it an hour.
            response = try await http.execute(request, timeout: .hours(1))
        } catch {
            throw CtlError("cannot reach followupd at \(endpoint): \(Self.reason(error))")
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await response.body.collect(upTo: Self.maxResponseBytes)).map { Array($0.readableBytesView) } ?? []
            _ = try Reply(status: Int(response.status.code), body: body).json()
            throw CtlError("the daemon answered \(response.status.code)")
        }
        var written = 0
        do {
            for try await buffer in response.body {
                try buffer.withUnsafeReadableBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw CtlError("cannot write the file: \(String(cString: strerror(errno)))")
                        }
                        offset += n
                    }
                }
                written += buffer.readableBytes
            }
        } catch let error as CtlError {
            throw error
        } catch {
            throw CtlError("the answer from followupd at \(endpoint) broke off after \(written) bytes: \(Self.reason(error))")
        }
        if let expected = response.headers.first(name: "Content-Length").flatMap(Int.init), expected != written {
            throw CtlError("the answer from followupd at \(endpoint) ended after \(written) of \(expected) bytes")
        }
        return Download(bytes: written, headers: response.headers)
    }
}
