/// What a bearer token of the token file may do on the API's TCP listeners.
///
/// `admin` grants everything `write` does, `write` everything `read` does.
/// A `feed` token is for one calendar app: it opens only its rep's
/// `GET /v1/reps/{rep}/calendar.ics`.
public enum TokenScope: Sendable, Hashable, CustomStringConvertible {
    /// GET endpoints: leads, queues, reports, status, the dashboard and every calendar feed.
    case read
    /// What reps and CRMs do: `POST /v1/events`, and everything `read` does.
    case write
    /// Everything: rules reload and preview, the outbox, lead erasure.
    case admin
    /// Only `rep`'s calendar feed.
    case feed(rep: String)

    /// How the scope is written in the token file: `read`, `write`, `admin`, `feed:alice`.
    public init?(_ text: Substring) {
        switch text {
        case "read": self = .read
        case "write": self = .write
        case "admin": self = .admin
        default:
            guard text.hasPrefix("feed:"), text.count > 5 else { return nil }
            self = .feed(rep: String(text.dropFirst(5)))
        }
    }

    public var description: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .admin: "admin"
        case .feed(let rep): "feed:\(rep)"
        }
    }

    /// Whether a token of this scope may do what needs `needed` (`read`, `write` or `admin`).
    public func grants(_ needed: TokenScope) -> Bool {
        switch (self, needed) {
        case (.admin, _): true
        case (.write, .write), (.write, .read), (.read, .read): true
        case (.feed(let mine), .feed(let wanted)): mine == wanted
        default: false
        }
    }

    /// Whether a token of this scope may travel in a URL (`?token=`), where browser
    /// histories, proxies and calendar apps keep it: only `read` and `feed` tokens.
    public var mayTravelInURL: Bool {
        switch self {
        case .read, .feed: true
        case .write, .admin: false
        }
    }
}
