import AsyncHTTPClient
import FollowUpRules
import Foundation

/// Where followupctl reaches the daemon: a Unix socket (the default: its file
/// mode is the access control) or a TCP base URL with a bearer token.
enum DaemonEndpoint: CustomStringConvertible {
    case unix(path: String)
    case tcp(baseURL: String, token: String)

    /// The full URL of `uri` (`/v1/leads?owner=alice`) at this endpoint.
    func url(for uri: String) -> String? {
        switch self {
        case .unix(let path): URL(httpURLWithSocketPath: path, uri: uri)?.absoluteString
        case .tcp(let base, _): (base.hasSuffix("/") ? String(base.dropLast()) : base) + uri
        }
    }

    /// `unix:/run/followup/api.sock` or the base URL, for messages.
    var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let base, _): base
        }
    }
}
