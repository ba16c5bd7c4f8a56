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
public final class WebhookReceiver: StartingNotifier {
    public let name: String
    /// Names the destination in errors and logs: the URL with its credentials
    /// redacted (``RedactedURL``), or for a chat webhook (whose URL is its
    /// secret) the file it came from.
    private let label: String
    private let signature: WebhookSignature?
    private let timeout: TimeAmount
    /// The configured headers, without those set per request.
    private let headers: HTTPHeaders
    private let transport: any WebhookTransport
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
        self.label = label
        self.signature = signature
        self.timeout = .seconds(timeout.seconds)
        self.batchLimit = batch
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: "followupd")
        for field in extra { headers.replaceOrAdd(name: field.name, value: field.value) }
        // What each request sets wins over a configured header of the same name; removed once
        // here so that a request only appends (no per-request search through the headers).
        for name in ["Idempotency-Key", Self.countHeader, WebhookSignature.timestampHeader, WebhookSignature.signatureHeader,
                     "Content-Length"] {
            headers.remove(name: name)
        }
        self.headers = headers
        let connectTimeout = TimeAmount.seconds(min(timeout.seconds, 10))
        if let target = PlainHTTPTarget(url: url) {
            transport = KeepAlivePool(target: target, connectTimeout: connectTimeout, most: inFlight)
        } else {
            transport = ClientTransport(url: url, timeout: self.timeout, connectTimeout: connectTimeout, inFlight: inFlight)
        }
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
        do {
            let answer = try await transport.post(headers: headers(for: body), body: ByteBuffer(bytes: body.bytes), timeout: timeout)
            return Self.result(status: answer.status, answer: answer.text)
        } catch {
            return failure(error)
        }
    }

    /// The configured headers and this body's: its key, count and signature.
    private func headers(for body: WebhookBody) -> HTTPHeaders {
        var headers = self.headers
        headers.add(name: "Idempotency-Key", value: body.idempotencyKey)
        if batchLimit > 1 { headers.add(name: Self.countHeader, value: String(body.count)) }
        if let signature {
            let timestamp = Int64(Date().timeIntervalSince1970)
            headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
            headers.add(name: WebhookSignature.signatureHeader, value: signature.sign(body: body.bytes, timestamp: timestamp))
        }
        return headers
    }

    private func failure(_ error: any Error) -> DeliveryResult {
        .retry("POST \(label): \(NetworkFailure.describe(error))")
    }

    /// A plain `http://` relay's POST goes out on the keep-alive pool's
    /// event loop and its answer comes back through `answered`, with no task
    /// in between; everything else (https, a body template, batches) as
    /// ``deliver(_:)``, in a task.
    public func start(_ entry: OutboxEntry, answered: @escaping @Sendable (DeliveryResult) -> Void) {
        guard bodyTemplate == nil, let pool = transport as? KeepAlivePool else {
            Task { answered(await deliver(entry)) }
            return
        }
        let body = WebhookBody(CollectionOfOne(entry), asArray: batchLimit > 1)
        pool.send(headers: headers(for: body), body: ByteBuffer(bytes: body.bytes), timeout: timeout).whenComplete { result in
            switch result {
            case .success(let answer): answered(Self.result(status: answer.status, answer: answer.text))
            case .failure(let error): answered(self.failure(error))
            }
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
        await transport.shutdown()
    }
}
