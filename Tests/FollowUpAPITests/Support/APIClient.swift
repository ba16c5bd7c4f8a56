import AsyncHTTPClient
import FollowUpCore
import Foundation
import NIOCore
import NIOHTTP1

/// A small HTTP client for the tests, on AsyncHTTPClient (what followupctl uses).
struct APIClient: Sendable {
    enum Base: Sendable {
        case unix(String)
        case tcp(port: Int)
    }

    let base: Base
    var token: String?

    init(base: Base, token: String? = nil) {
        self.base = base
        self.token = token
    }

    /// What came back: status, headers, the body as text and as parsed JSON (nil when not JSON).
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var text: String
        var json: JSONValue?

        /// The first value of a header.
        func header(_ name: String) -> String? { headers[name].first }

        /// `json["error"]["field"]` and the like.
        subscript(_ key: String) -> JSONValue? { json?[key] }
        var error: JSONValue? { json?["error"] }
    }

    func get(_ uri: String) async throws -> Reply { try await send("GET", uri) }

    func post(_ uri: String, _ body: String) async throws -> Reply { try await send("POST", uri, body: Array(body.utf8)) }

    func send(_ method: String, _ uri: String, body: [UInt8]? = nil) async throws -> Reply {
        let url: String
        switch base {
        case .unix(let path): url = URL(httpURLWithSocketPath: path, uri: uri)!.absoluteString
        case .tcp(let port): url = "http://127.0.0.1:\(port)\(uri)"
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        let text = String(buffer: buffer)
        return Reply(status: Int(response.status.code), headers: response.headers, text: text,
                     json: try? JSONParser.parse(text))
    }
}
