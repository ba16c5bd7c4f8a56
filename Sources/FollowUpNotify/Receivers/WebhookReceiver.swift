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
/// POST, as a JSON array (``WebhookBody``), with `X-Followupd-Count`. With a
/// ``WebhookBodyTemplate`` the body is the admin's JSON instead, one
/// notification per POST, signed and keyed the same way.
///
/// 2xx is delivered. 408 and 429 and every 5xx are retried, as are network
/// errors and timeouts; any other status is permanent (a dead letter): a relay
/// that refuses a request will refuse it again.
public final class WebhookReceiver: Notifier {
    public let name: String
    private let url: String
    /// Names the destination in errors and logs: the URL with its credentials
    /// redacted (``RedactedURL``), or for a chat webhook (whose URL is its
    /// secret) the file it came from.
    private let label: String
    private let signature: WebhookSignature?
    private let timeout: TimeAmount
    private let headers: HTTPHeaders
    private let client: HTTPClient
    public let batchLimit: Int
    /// Renders the body instead of the notification's JSON (`body_template`).
    private let bodyTemplate: WebhookBodyTemplate?

    /// Header with the number of notifications in the body.
    public static let countHeader = "X-Followupd-Count"

    /// - Throws: ``WebhookSecretError`` when the secret file cannot be read.
    public convenience init(name: String, settings: WebhookSettings, inFlight: Int, bodyTemplate: WebhookBodyTemplate? = nil) throws {
        try self.init(name: name, url: settings.url, label: RedactedURL.text(settings.url),
                      signature: settings.secretFile.map { try WebhookSignature(secretFile: $0) },
                      timeout: settings.timeout, headers: settings.headers, batch: settings.batch, inFlight: inFlight,
                      bodyTemplate: bodyTemplate)
    }

    /// The HTTP path shared by every receiver that POSTs JSON (the `slack` and
    /// `teams` receivers send their own bodies through it). `label` names the
    /// destination in failure messages: a chat webhook's URL is its secret
    /// and must not reach the logs or the outbox.
    init(name: String, url: String, label: String, signature: WebhookSignature?, timeout: TimeSpan, headers extra: [HeaderField],
         batch: Int, inFlight: Int, bodyTemplate: WebhookBodyTemplate? = nil) {
        self.name = name
        self.bodyTemplate = bodyTemplate
        self.url = url
        self.label = label
        self.signature = signature
        self.timeout = .seconds(timeout.seconds)
        self.batchLimit = batch
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: "followupd")
        for field in extra { headers.replaceOrAdd(name: field.name, value: field.value) }
        self.headers = headers
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(min(timeout.seconds, 10)), read: .seconds(timeout.seconds))
        // One connection per delivery in flight: the lane bounds concurrency, the pool must not queue behind it.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, inFlight))
        // A refused connection fails this attempt at once: the outbox's backoff decides when to try again,
        // not the pool's own connection retries (which would hold the attempt until the timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        guard let bodyTemplate else { return await post(WebhookBody(CollectionOfOne(entry), asArray: batchLimit > 1)) }
        switch await bodyTemplate.body(for: entry.notification) {
        case .success(let bytes): return await post(WebhookBody(bytes: bytes, notification: entry.notification.id))
        case .failure(let failure): return .permanent(failure.message)
        }
    }

    public func deliver(batch entries: [OutboxEntry]) async -> DeliveryResult {
        await post(WebhookBody(entries, asArray: true))
    }

    func post(_ body: WebhookBody) async -> DeliveryResult {
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
            return .retry("POST \(label): \(NetworkFailure.describe(error))")
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
