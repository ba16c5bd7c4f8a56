import Foundation
#if canImport(Glibc)
public import Glibc
#endif

/// A Unix socket path as a `sockaddr_un`, for the tests' own socket peers
/// (the HTTP client, the notify socket, the journal probe).
public enum UnixSocketAddress {
    /// Calls `body` with the address of `path` and its length; nil when the path is too long.
    public static func with<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
