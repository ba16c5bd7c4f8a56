import FollowUpTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A helper server from Tests/Relays run as a real process: the webhook relay
/// (python3 http.server) or the SMTP sink (Debian's python3-aiosmtpd). The
/// first line it prints is the port it listens on.
final class RelayProcess: @unchecked Sendable {
    let process: Process
    let port: Int

    static let relays = DaemonProcess.root.appendingPathComponent("Tests/Relays")

    /// Starts `script` with `arguments` under `python` and waits for its port.
    init(python: String = "/usr/bin/python3", script: String, arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.relays.appendingPathComponent(script).path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw APIClient.Failure(description: "\(script) did not print its port")
        }
        self.port = port
    }

    /// The webhook relay on `port` (0: any), logging requests to `log`;
    /// it answers 422 to any request holding a notification for `refusing`.
    /// It answers `delay` seconds after logging a request.
    static func webhook(port: Int = 0, secretFile: String, log: String, status: Int = 200,
                        refusing lead: String? = nil, delay: Double = 0, idleClose: Double = 0) throws -> RelayProcess {
        try RelayProcess(script: "webhook_relay.py", arguments: ["--port", "\(port)", "--secret-file", secretFile,
                                                                 "--log", log, "--status", "\(status)", "--delay", "\(delay)",
                                                                 "--idle-close", "\(idleClose)"]
                                                                 + (lead.map { ["--refuse-lead", $0] } ?? []))
    }

    /// The SMTP sink, writing messages to `directory`.
    /// With `tls` (certificate and key files) it requires STARTTLS; with
    /// `auth` (`user:password`) it requires AUTH.
    /// The SMTP sink writing each message into `dir/mail` (made here), and that directory.
    static func smtp(in dir: URL, tls: (cert: String, key: String)? = nil, auth: String? = nil) throws -> (relay: RelayProcess, mail: URL) {
        let mail = dir.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        return (try smtp(directory: mail.path, tls: tls, auth: auth), mail)
    }

    static func smtp(directory: String, tls: (cert: String, key: String)? = nil, auth: String? = nil) throws -> RelayProcess {
        try RelayProcess(script: "smtp_sink.py", arguments: [directory, "0"] + (tls.map { ["--tls", $0.cert, $0.key] } ?? [])
                                                              + (auth.map { ["--auth", $0] } ?? []))
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The JSON lines of a relay log.
    static func lines(_ path: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    @discardableResult
    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
