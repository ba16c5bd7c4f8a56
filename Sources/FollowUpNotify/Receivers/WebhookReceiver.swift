import AsyncHTTPClient
public import FollowUpCore
public import FollowUpRules
import Foundation
import NIOCore
import NIOHTTP1

/// The `webhook` receiver: POSTs the notification's JSON (DESIGN.md's format)
/// to a relay, with `Idempotency-Key: <notification id>`, an HMAC-SHA256
/// signature when a secret is configured (``WebhookSignature``), the
/// configured headers, and a timeout.
///
/// With `batch` above 1 the lane hands it up to that many notifications per
/// POST, as a JSON array (``WebhookBody``), with `X-Followupd-Count`.
///
/// 2xx is delivered. 408 and 429 and every 5xx are retried, as are network
/// errors and timeouts; any other status is permanent (a dead letter): a relay
/// that refuses a request will refuse it again.
public final class WebhookReceiver: Notifier {
    public let name: String
    private let url: String
    /// The URL as errors and logs show it (``RedactedURL``): never its credentials.
    private let shownURL: String
    private let signature: WebhookSignature?
    private let timeout: TimeAmount
    private let headers: HTTPHeaders
    private let client: HTTPClient
    public let batchLimit: Int

    /// Header with the number of notifications in the body.
    public static let countHeader = "X-Followupd-Count"

    /// - Throws: ``WebhookSecretError`` when the secret file cannot be read.
    public init(name: String, settings: WebhookSettings, inFlight: Int) throws {
        self.name = name
        self.url = settings.url
        self.shownURL = RedactedURL.text(settings.url)
        self.signature = try settings.secretFile.map { try WebhookSignature(secretFile: $0) }
        self.timeout = .seconds(settings.timeout.seconds)
        self.batchLimit = settings.batch
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: "followupd")
        for field in settings.headers { headers.replaceOrAdd(name: field.name, value: field.value) }
        self.headers = headers
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(min(settings.timeout.seconds, 10)), read: .seconds(settings.timeout.seconds))
        // One connection per delivery in flight: the lane bounds concurrency, the pool must not queue behind it.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, inFlight))
        // A refused connection fails this attempt at once: the outbox's backoff decides when to try again,
        // not the pool's own connection retries (which would hold the attempt until the timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        await post(WebhookBody(CollectionOfOne(entry), asArray: batchLimit > 1))
    }

    public func deliver(batch entries: [OutboxEntry]) async -> DeliveryResult {
        await post(WebhookBody(entries, asArray: true))
    }

    private func post(_ body: WebhookBody) async -> DeliveryResult {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.headers.replaceOrAdd(name: "Idempotency-Key", value: body.idempotencyKey)
        if batchLimit > 1 { request.headers.replaceOrAdd(name: Self.countHeader, value: String(body.count)) }
        if let signature {
            let timestamp = Int64(Date().timeIntervalSince1970)
            request.headers.replaceOrAdd(name: WebhookSignature.timestampHeader, value: String(timestamp))
            request.headers.replaceOrAdd(name: WebhookSignature.signatureHeader,
                                         value: signature.sign(body: body.bytes, timestamp: timestamp))
        }
        request.body = .bytes(ByteBuffer(bytes: body.bytes))
        do {
            let response = try await client.execute(request, timeout: timeout)
            // Read (and drop) the answer so the connection can be reused.
            let answer = try await response.body.collect(upTo: 64 << 10)
            return Self.result(status: Int(response.status.code), answer: String(buffer: answer))
        } catch {
            return .retry("POST \(shownURL): \(NetworkFailure.describe(error))")
        }
    }

    /// 2xx delivered; 408, 429, 5xx retried; other statuses permanent.
    static func result(status: Int, answer: String) -> DeliveryResult {
        switch status {
        case 200..<300: return .delivered
        case 408, 429, 500..<600: return .retry("relay answered \(status) \(answer.prefix(200))")
        default: return .permanent("relay answered \(status) \(answer.prefix(200))")
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
