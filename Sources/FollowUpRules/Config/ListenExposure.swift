#if canImport(Glibc)
import Glibc
#endif

/// A TCP `listen` address that accepts connections on every network interface.
/// followupd speaks plain HTTP: there, bearer tokens and leads' personal data
/// cross the network readable by anyone on the path. It is allowed (a firewall
/// or a private network may make it safe) but warned about at start and by
/// `--check-config`.
public enum ListenExposure {
    /// Whether `address` is TCP on the wildcard address (`0.0.0.0`, `::`, or a
    /// spelling of either).
    public static func isAllInterfaces(_ address: ListenAddress) -> Bool {
        guard case .tcp(let host, _) = address else { return false }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return v4.s_addr == 0 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { $0.allSatisfy { $0 == 0 } }
        }
        return host == "*"
    }

    /// One warning per address in `listen` on all interfaces, naming it and what to do instead.
    public static func warnings(_ listen: [ListenAddress]) -> [String] {
        listen.filter(isAllInterfaces).map { address in
            guard case .tcp(_, let port) = address else { return "" }
            return "listen \(address) accepts connections on every network interface in plain HTTP "
                + "(followupd has no TLS listener): API tokens and leads' data cross the network in clear. "
                + "Listen on 127.0.0.1:\(port) or [::1]:\(port) behind a TLS-terminating proxy "
                + "(nginx, Caddy, HAProxy), or on an address only a trusted network reaches"
        }
    }
}
