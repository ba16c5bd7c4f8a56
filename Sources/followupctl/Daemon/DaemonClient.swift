import AsyncHTTPClient
import FollowUpCore
import FollowUpFormats
import FollowUpWire
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// followupctl's connection to a running followupd: JSON requests over the
/// Unix socket or TCP, with the daemon's JSON errors and connection failures
/// turned into ``CtlError``s people can act on.
struct DaemonClient {
    let endpoint: DaemonEndpoint
    let http: HTTPClient

    /// Responses larger than this are refused (a lead's full record stays far below it).
    static let maxResponseBytes = 64 << 20

    /// Opens a client for `body` and closes it afterwards.
    static func with<T>(_ endpoint: DaemonEndpoint, _ body: (DaemonClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(120))
        // Fail at once when nobody listens, instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = DaemonClient(endpoint: endpoint, http: http)
        do {
            let value = try await body(client)
            try? await http.shutdown()
            return value
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// GETs `uri` and returns its JSON; a daemon error becomes a ``CtlError``.
    func get(_ uri: String) async throws(CtlError) -> JSONValue {
        try await send(.GET, uri, body: nil).json()
    }

    /// POSTs a JSON body to `uri` and returns the JSON answer.
    func post(_ uri: String, json body: [UInt8]) async throws(CtlError) -> JSONValue {
        try await send(.POST, uri, body: body).json()
    }

    /// POSTs without a body (an action on a resource) and returns the JSON answer.
    func post(_ uri: String) async throws(CtlError) -> JSONValue {
        try await send(.POST, uri, body: nil).json()
    }

    /// DELETEs `uri` and returns the JSON answer.
    func delete(_ uri: String) async throws(CtlError) -> JSONValue {
        try await send(.DELETE, uri, body: nil).json()
    }

    /// What the daemon answered.
    struct Reply {
        var status: Int
        var body: [UInt8]

        /// The body as JSON for a 2xx answer; the daemon's `{"error":{…}}` as a ``CtlError`` otherwise.
        func json() throws(CtlError) -> JSONValue {
            let parsed: JSONValue? = body.withUnsafeBufferPointer { try? JSONParser.parse($0) }
            if (200..<300).contains(status) {
                guard let parsed else { throw CtlError("the daemon answered \(status) with a body that is not JSON") }
                return parsed
            }
            guard let parsed, let error = try? APIErrorBody(json: parsed) else {
                throw CtlError("the daemon answered \(status): \(String(decoding: body.prefix(200), as: UTF8.self))")
            }
            var failure = CtlError(error.message, field: error.field)
            failure.status = status
            failure.index = error.index
            throw failure
        }
    }

    /// Sends one request; the whole answer is read, whatever its status.
    func send(_ method: HTTPMethod, _ uri: String, body: [UInt8]?) async throws(CtlError) -> Reply {
        guard let url = endpoint.url(for: uri) else { throw CtlError("cannot build a URL for \(endpoint)\(uri)") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if case .tcp(_, let token) = endpoint { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await http.execute(request, timeout: .seconds(300))
            let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
            return Reply(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch {
            throw CtlError("cannot reach followupd at \(endpoint): \(Self.reason(error))")
        }
    }

    /// A connection failure in words, with the hint that matters most.
    static func reason(_ error: any Error) -> String {
        switch errnoCode(of: error) {
        case ECONNREFUSED?, ENOENT?:
            // No process behind the socket (or no socket file at all): the daemon is not running.
            return "connection refused — is it running?"
        case EACCES?, EPERM?:
            return "permission denied — is your user in the socket's group?"
        case let code?:
            return String(cString: strerror(code))
        case nil:
            if let error = error as? HTTPClientError, error == .connectTimeout || error == .deadlineExceeded {
                return "timed out"
            }
            return String(describing: error)
        }
    }

    /// The errno behind a connection error, however NIO and AsyncHTTPClient wrapped it.
    private static func errnoCode(of error: any Error) -> Int32? {
        if let error = error as? IOError { return error.errnoCode }
        if let error = error as? NIOConnectionError {
            for failure in error.connectionErrors {
                if let code = errnoCode(of: failure.error) { return code }
            }
        }
        return nil
    }
}
