import Foundation
import NIOCore
import NIOPosix

/// The file of a Unix-socket listener: its directory made if missing, a stale
/// file from a crashed daemon removed before binding, its mode set after
/// binding (the mode is the socket's access control), and removed on shutdown.
struct UnixSocketFile: Sendable {
    let path: String

    /// Makes the parent directory and clears a stale socket file.
    ///
    /// A socket file that still accepts connections belongs to a running
    /// daemon: refuse to start rather than steal its address. Anything at the
    /// path that is not a socket is left alone and reported.
    func prepare() async throws(APIStartupError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw APIStartupError(message: "cannot create the socket directory \(directory): \(error.localizedDescription)")
            }
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
        guard attributes[.type] as? FileAttributeType == .typeSocket else {
            throw APIStartupError(message: "\(path) exists and is not a socket; remove it or listen elsewhere")
        }
        if await acceptsConnections() {
            throw APIStartupError(message: "\(path) is in use by a running process (another followupd?)")
        }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw APIStartupError(message: "cannot remove the stale socket \(path): \(error.localizedDescription)")
        }
    }

    /// Sets the socket file's permission bits (after bind; `bind` applies the umask).
    func setMode(_ mode: UInt16) throws(APIStartupError) {
        do {
            try FileManager.default.setAttributes([.posixPermissions: Int(mode)], ofItemAtPath: path)
        } catch {
            throw APIStartupError(message: "cannot set mode \(String(mode, radix: 8)) on \(path): \(error.localizedDescription)")
        }
    }

    /// Removes the socket file if it is still a socket (on shutdown), so a client
    /// sees "not running" instead of a file nobody answers.
    func remove() {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeSocket
        else { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    private func acceptsConnections() async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(1))
                .connect(unixDomainSocketPath: path).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }
}
