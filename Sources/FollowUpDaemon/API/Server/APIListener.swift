public import FollowUpRules
import struct FollowUpCore.TimeSpan
import Hummingbird
import HummingbirdCore
public import ServiceLifecycle
import Logging
import NIOCore
import Synchronization

/// The API on one listen address, as a ServiceLifecycle `Service`: put every
/// listener of ``APIServer/listeners`` in the daemon's `ServiceGroup`; each
/// stops gracefully with it.
///
/// On a Unix socket it makes the directory, clears a stale socket, binds, sets
/// the configured mode, and removes the file when it stops.
public struct APIListener: Service, CustomStringConvertible {
    /// Where it listens, as configured.
    public let address: ListenAddress
    /// The Hummingbird application serving this address.
    let application: Application<RoleResponder>
    /// What it answers with: a node that goes from standby to leader keeps the
    /// listener bound and changes the router behind it.
    let responder: RoleResponder
    private let socket: UnixSocketFile?
    private let failure: StartupFailure

    /// What one client may hold: a silent connection is closed after
    /// `idleTimeout`, and at most `maxConnections` are accepted at once, so slow
    /// or silent clients cannot use up the daemon's file descriptors.
    struct Limits {
        var idleTimeout: TimeSpan
        var maxConnections: Int
    }

    init(address: ListenAddress, router: Router<BasicRequestContext>, socketMode: UInt16, limits: Limits, logger: Logger,
         onListening: @escaping @Sendable (ListenAddress) async -> Void) {
        self.address = address
        let failure = StartupFailure()
        self.failure = failure
        let onRunning: @Sendable (any Channel) async -> Void
        switch address {
        case .unix(let path):
            let socket = UnixSocketFile(path: path)
            self.socket = socket
            onRunning = { channel in
                do throws(APIStartupError) {
                    try socket.setMode(socketMode)
                } catch {
                    // Serving with the wrong mode would open the API to the wrong users: stop instead.
                    logger.critical("\(error.message)")
                    failure.record(error)
                    try? await channel.close()
                    return
                }
                logger.info("API listening", metadata: ["address": .string(address.description)])
                await onListening(address)
            }
        case .tcp(let host, _):
            socket = nil
            onRunning = { channel in
                // Report the port actually bound (port 0 in tests picks a free one).
                let bound = ListenAddress.tcp(host: host, port: channel.localAddress?.port ?? 0)
                logger.info("API listening", metadata: ["address": .string(bound.description)])
                await onListening(bound)
            }
        }
        // Idle counts from the last request part read or the last answer written: a client that
        // connects and says nothing, or drips a header too slowly to finish it, is closed.
        // Requests the HTTP parser rejects get the API's JSON error too, not an empty 400.
        let server = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [MalformedRequestAnswer()],
                                                                  idleTimeout: .seconds(limits.idleTimeout.seconds)))
        responder = RoleResponder(router)
        application = Application(responder: responder, server: server,
                                  configuration: ApplicationConfiguration(
                                      address: Self.bindAddress(of: address),
                                      availableConnectionsDelegate: .maximum(limits.maxConnections, logger: logger)),
                                  onServerRunning: onRunning, logger: logger)
    }

    private static func bindAddress(of address: ListenAddress) -> BindAddress {
        switch address {
        case .unix(let path): .unixDomainSocket(path: path)
        case .tcp(let host, let port): .hostname(host, port: port)
        }
    }

    /// Serves until graceful shutdown or cancellation.
    /// - Throws: ``APIStartupError`` when the socket cannot be prepared or its mode set; bind errors.
    public func run() async throws {
        if let socket { try await socket.prepare() }
        // Only after `prepare` succeeded: a socket in use by another daemon is not ours to remove.
        defer { socket?.remove() }
        try await application.run()
        if let error = failure.error { throw error }
    }

    public var description: String { "APIListener(\(address))" }
}

/// A start-up error found inside Hummingbird's `onServerRunning`, which cannot throw.
private final class StartupFailure: Sendable {
    private let value = Mutex<APIStartupError?>(nil)

    func record(_ error: APIStartupError) { value.withLock { $0 = error } }
    var error: APIStartupError? { value.withLock { $0 } }
}
