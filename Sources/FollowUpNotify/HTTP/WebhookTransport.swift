import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// How a webhook receiver's POSTs travel: ``KeepAlivePool`` for a plain
/// `http://` relay (the lean path, most of the daemon's CPU per notification
/// otherwise), AsyncHTTPClient for `https://` (TLS and its certificate checks).
protocol WebhookTransport: Sendable {
    /// POSTs `body` with `headers`; throws on network failure or timeout.
    func post(headers: HTTPHeaders, body: ByteBuffer, timeout: TimeAmount) async throws -> RelayAnswer
    func shutdown() async
}

extension KeepAlivePool: WebhookTransport {}

/// AsyncHTTPClient, one connection per request in flight, redirects refused.
struct ClientTransport: WebhookTransport {
    let url: String
    let client: HTTPClient

    init(url: String, timeout: TimeAmount, connectTimeout: TimeAmount, inFlight: Int) {
        self.url = url
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: connectTimeout, read: timeout)
        // One connection per delivery in flight: the lane bounds concurrency, the pool must not queue behind it.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, inFlight))
        // A refused connection fails this attempt at once: the outbox's backoff decides when to try again,
        // not the pool's own connection retries (which would hold the attempt until the timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func post(headers: HTTPHeaders, body: ByteBuffer, timeout: TimeAmount) async throws -> RelayAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: timeout)
        // Read (and drop) the answer so the connection can be reused.
        let answer = try await response.body.collect(upTo: RelayAnswerReader.keptBodyBytes)
        return RelayAnswer(status: Int(response.status.code), text: String(buffer: answer), keepAlive: true)
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
