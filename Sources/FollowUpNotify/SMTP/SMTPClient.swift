import FollowUpCore
import FollowUpRules
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one message per connection to an SMTP relay: EHLO, optional
/// STARTTLS (then EHLO again), optional AUTH PLAIN or LOGIN, MAIL FROM,
/// RCPT TO, DATA (dot-stuffed), QUIT. The whole dialogue has one deadline.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let password: String?
    let tls: NIOSSLContext?

    init(settings: SMTPSettings) throws {
        self.settings = settings
        if let file = settings.passwordFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SMTPFailure(message: "\(file): cannot read the SMTP password", permanent: true)
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        } else {
            password = nil
        }
        tls = settings.starttls ? try Self.tlsContext(trusting: settings.caFile) : nil
    }

    /// The system's trust roots, plus `caFile`'s certificates when given.
    private static func tlsContext(trusting caFile: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            do {
                configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
            } catch {
                throw SMTPFailure(message: "\(caFile): cannot read PEM certificates (\(error))", permanent: true)
            }
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Sends `message`; throws ``SMTPFailure``.
    func send(_ message: EmailMessage) async throws {
        try Self.check(sender: message.sender, recipient: message.recipient)
        let timeout = Duration.seconds(settings.timeout.seconds)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.dialogue(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPFailure(message: "no answer from \(settings.host):\(settings.port) within \(settings.timeout)", permanent: false)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func dialogue(_ message: EmailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(min(settings.timeout.seconds, 10)))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let settings = self.settings
        let password = self.password
        let tls = self.tls
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(inbound: inbound, outbound: outbound)
            try await session.expect([220], after: "connect")
            var ehlo = try await session.command("EHLO \(settings.helo)", expect: [250])
            if let tls {
                guard ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw SMTPFailure(message: "\(settings.host) does not offer STARTTLS, and `starttls: true` requires it", permanent: false)
                }
                try await session.command("STARTTLS", expect: [220])
                let host = settings.host
                let serverName = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
                try await channel.channel.eventLoop.submit {
                    let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                    try channel.channel.pipeline.syncOperations.addHandler(handler, position: .first)
                }.get()
                ehlo = try await session.command("EHLO \(settings.helo)", expect: [250])
            }
            if let auth = settings.auth, let username = settings.username, let password {
                switch auth {
                case .plain:
                    let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                    try await session.command("AUTH PLAIN \(token)", expect: [235], shown: "AUTH PLAIN")
                case .login:
                    try await session.command("AUTH LOGIN", expect: [334])
                    try await session.command(Data(username.utf8).base64EncodedString(), expect: [334], shown: "AUTH LOGIN (user)")
                    try await session.command(Data(password.utf8).base64EncodedString(), expect: [235], shown: "AUTH LOGIN (password)")
                }
            }
            try await session.command("MAIL FROM:<\(message.sender)>", expect: [250])
            try await session.command("RCPT TO:<\(message.recipient)>", expect: [250, 251])
            try await session.command("DATA", expect: [354])
            try await session.write(Self.dotStuffed(message.rendered))
            try await session.expect([250], after: "DATA (end of message)")
            _ = try? await session.command("QUIT", expect: [221])
        }
    }

    /// Refuses, as a permanent failure, addresses that are not one bare
    /// address: `MAIL FROM:<…>` and `RCPT TO:<…>` are command lines, and a
    /// line break in an address once sent the attacker's own DATA.
    static func check(sender: String, recipient: String) throws {
        for (role, address) in [("sender", sender), ("recipient", recipient)] {
            if let problem = EmailAddress.problem(in: address) {
                throw SMTPFailure(message: "refusing to send: the \(role) is not one email address (\(problem))", permanent: true)
            }
        }
    }

    /// The message as DATA sends it: a line starting with `.` gets another
    /// `.`, and `CRLF.CRLF` ends it.
    static func dotStuffed(_ rendered: String) -> [UInt8] {
        var out: [UInt8] = []
        var lines = rendered.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix(".") { out.append(UInt8(ascii: ".")) }
            out.append(contentsOf: line.utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        out.append(contentsOf: Array(".\r\n".utf8))
        return out
    }
}
