import Foundation

/// Where a plain `http://` webhook goes, parsed once per receiver instead of
/// once per request: the host and port to connect to, the `Host` header, and
/// the request target (path and query, as written in the config).
///
/// Credentials in the URL's userinfo are not sent (as with AsyncHTTPClient,
/// which this replaces for `http://`): a relay that wants them takes a header.
struct PlainHTTPTarget: Sendable, Equatable {
    let host: String
    let port: Int
    let hostHeader: String
    let requestTarget: String

    /// Nil for anything but an `http://` URL with a host.
    init?(url: String) {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
              let host = components.host, !host.isEmpty else { return nil }
        // URLComponents keeps an IPv6 literal's brackets in `host` on some platforms, not on others.
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.host = bare
        self.port = components.port ?? 80
        let named = bare.contains(":") ? "[\(bare)]" : bare
        self.hostHeader = components.port.map { "\(named):\($0)" } ?? named
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.requestTarget = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }
}
