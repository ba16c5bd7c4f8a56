public import FollowUpCore

/// A named receiver of notifications and its kind-specific settings
/// (`receivers:` in followupd.yaml).
public struct ReceiverConfig: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One JSON line per notification on standard output (or standard error).
        case log
        /// POST the notification's JSON to a relay URL, signed.
        case webhook
        /// An email through an SMTP relay.
        case smtp
        /// The same email piped to `sendmail -t -oi`.
        case sendmail
        /// An admin's command with the notification's JSON on stdin.
        case exec
        /// A readable message to a Slack incoming webhook.
        case slack
        /// A readable Adaptive Card to a Microsoft Teams incoming webhook (or Workflows).
        case teams

        /// The kinds whose messages always come from the templates directory.
        public var rendersTemplates: Bool { [.smtp, .sendmail, .slack, .teams].contains(self) }
    }

    public var name: String
    public var kind: Kind
    /// How many deliveries of this receiver may be in flight at once. With 1 the
    /// receiver gets notifications in minting order (the `log` default: its lines
    /// read in order); above 1 a round's deliveries may overtake each other.
    public var inFlight: Int
    public var settings: Settings

    /// Whether this receiver renders templates from the templates directory:
    /// email, Slack and Teams messages, and a webhook with `body_template`.
    public var rendersTemplates: Bool {
        if case .webhook(let s) = settings { return s.bodyTemplate != nil }
        return kind.rendersTemplates
    }

    /// The most `in_flight` a receiver may ask for: more connections than any
    /// relay wants, and small enough that a round's size (batch × in-flight) stays small.
    public static let mostInFlight = 1_000

    public init(name: String, kind: Kind, inFlight: Int? = nil, settings: Settings? = nil) {
        self.name = name
        self.kind = kind
        self.inFlight = inFlight ?? (kind == .webhook ? 32 : kind == .log ? 1 : 4)
        self.settings = settings ?? .log(LogSettings())
    }

    /// What each kind needs.
    public enum Settings: Sendable, Hashable {
        case log(LogSettings)
        case webhook(WebhookSettings)
        case smtp(SMTPSettings)
        case sendmail(SendmailSettings)
        case exec(ExecSettings)
        case slack(ChatSettings)
        case teams(ChatSettings)
    }
}

/// `log`: where the lines go.
public struct LogSettings: Sendable, Hashable {
    public enum Stream: String, Sendable, Hashable, CaseIterable { case stdout, stderr }
    /// stdout by default: `scripts/run`, `followupd | jq` and the tests read it there; under
    /// systemd both streams reach the journal.
    public var stream: Stream

    public init(stream: Stream = .stdout) { self.stream = stream }
}

/// `webhook`: a relay URL, signed with HMAC-SHA256 when a secret is given.
public struct WebhookSettings: Sendable, Hashable {
    public var url: String
    /// A file holding the shared secret (trailing newline ignored); nil: unsigned.
    public var secretFile: String?
    /// How long one POST may take, connect included.
    public var timeout: TimeSpan = TimeSpan(seconds: 10)
    /// Extra headers, in config order.
    public var headers: [HeaderField] = []
    /// Most notifications in one POST. 1 (the default): the body is one
    /// notification object. Above 1: a JSON array of them, so a busy relay
    /// takes hundreds per request; relays dedupe by each element's `id`.
    public var batch: Int = 1
    /// The name of a template (`NAME.json.mustache` in the templates
    /// directory) that renders the body instead of DESIGN.md's JSON; nil: the
    /// notification's JSON. Values it inserts with `{{…}}` are JSON-escaped.
    public var bodyTemplate: String?

    /// The largest `batch` accepted: a POST stays well under a megabyte.
    public static let maxBatch = 1_000
}

/// One custom HTTP header.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
}

/// What every email receiver shares: the sender and the address used when
/// the recipient has none (a fallback mailbox).
public struct EmailSettings: Sendable, Hashable {
    public var from: String
    /// The sender's display name (`from_name`), shown by mail clients; it
    /// replaces any name written in `from`. Never holds control characters.
    public var fromName: String?
    /// Used when the notification's recipient has no address (a rep without
    /// `email`, the fallback receiver's name); nil makes that a dead letter.
    public var defaultTo: String?
}

/// `smtp`: an SMTP relay.
public struct SMTPSettings: Sendable, Hashable {
    public enum Auth: String, Sendable, Hashable, CaseIterable { case plain, login }

    public var host: String
    public var port: Int
    /// Upgrade with STARTTLS (required when true: a relay that does not offer it fails the delivery).
    public var starttls: Bool
    /// PEM certificates trusted for STARTTLS besides the system's (a relay
    /// with a private CA); nil: the system's only.
    public var caFile: String?
    public var auth: Auth?
    public var username: String?
    public var passwordFile: String?
    public var email: EmailSettings
    public var timeout: TimeSpan
    /// The name said in EHLO.
    public var helo: String

    public init(host: String, port: Int = 25, starttls: Bool = false, caFile: String? = nil, auth: Auth? = nil,
                username: String? = nil, passwordFile: String? = nil, email: EmailSettings,
                timeout: TimeSpan = TimeSpan(seconds: 30), helo: String = "followupd") {
        self.host = host
        self.port = port
        self.starttls = starttls
        self.caFile = caFile
        self.auth = auth
        self.username = username
        self.passwordFile = passwordFile
        self.email = email
        self.timeout = timeout
        self.helo = helo
    }
}

extension SMTPSettings {
    /// Whether `host` names this machine's loopback interface (`localhost`,
    /// 127.0.0.0/8, `::1`): the only place `auth` may go without `starttls`.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

/// `sendmail`: the local MTA.
public struct SendmailSettings: Sendable, Hashable {
    public var path: String = "/usr/sbin/sendmail"
    public var email: EmailSettings
    public var timeout: TimeSpan = TimeSpan(seconds: 30)
    /// Variables passed from the daemon's environment besides `PATH` and `LANG`.
    public var environment: [String] = []
}

/// `exec`: an admin's program; the notification's JSON on stdin.
public struct ExecSettings: Sendable, Hashable {
    /// The program and its arguments (no shell).
    public var command: [String]
    public var timeout: TimeSpan = TimeSpan(seconds: 30)
    /// Variables passed from the daemon's environment besides `PATH` and `LANG`.
    public var environment: [String] = []
}

/// `slack` and `teams`: an incoming-webhook URL and how long one POST may take.
public struct ChatSettings: Sendable, Hashable {
    /// The file holding the incoming-webhook URL. The URL is the credential
    /// (whoever has it can post to the channel), so it lives in a file the way
    /// other secrets do, and is never written to the config or the logs.
    public var urlFile: String
    public var timeout: TimeSpan = TimeSpan(seconds: 10)
}
