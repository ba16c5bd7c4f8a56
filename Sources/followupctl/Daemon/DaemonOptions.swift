import ArgumentParser
import FollowUpRules
import Foundation

/// `--config`, `--socket`, `--url` and `--token-file`, shared by the commands
/// that talk to a running followupd.
struct DaemonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "followupd's config, whose first listen address is used. Default: etc/followup/followupd.yaml when present, else /etc/followup/followupd.yaml.",
        valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Talk to the daemon on this Unix socket (overrides the config).", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Talk to the daemon over TCP at this base URL, e.g. http://127.0.0.1:8787 (needs --token-file).",
                                            valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("The bearer token file for TCP (its first token is sent).", valueName: "file"))
    var tokenFile: String?

    /// The config path to read when neither `--socket` nor `--url` is given.
    var configPath: String {
        if let config { return config }
        return FileManager.default.fileExists(atPath: "etc/followup/followupd.yaml")
            ? "etc/followup/followupd.yaml" : "/etc/followup/followupd.yaml"
    }

    /// What the environment says when an option is not given, so a rep sets
    /// `FOLLOWUPCTL_URL` and `FOLLOWUPCTL_TOKEN_FILE` (or `FOLLOWUPCTL_SOCKET`)
    /// once instead of typing them on every call. Options win over the environment.
    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private var givenSocket: String? { socket ?? (url == nil ? Self.environment("FOLLOWUPCTL_SOCKET") : nil) }
    private var givenURL: String? { url ?? (socket == nil ? Self.environment("FOLLOWUPCTL_URL") : nil) }
    private var givenTokenFile: String? { tokenFile ?? Self.environment("FOLLOWUPCTL_TOKEN_FILE") }

    func validate() throws {
        if givenSocket != nil, givenURL != nil {
            throw ValidationError("--socket and --url cannot be used together (also from FOLLOWUPCTL_SOCKET and FOLLOWUPCTL_URL)")
        }
        if givenURL != nil, givenTokenFile == nil {
            throw ValidationError("--url needs --token-file (TCP requires a bearer token; or set FOLLOWUPCTL_TOKEN_FILE)")
        }
    }

    /// Where to reach the daemon.
    func endpoint() throws(CtlError) -> DaemonEndpoint {
        if let socket = givenSocket { return .unix(path: socket) }
        if let url = givenURL, let tokenFile = givenTokenFile {
            return .tcp(baseURL: url, token: try Self.firstToken(in: tokenFile))
        }
        let path = configPath
        let config: DaemonConfig
        do {
            config = try DaemonConfig.load(path: path)
        } catch {
            throw CtlError("cannot read the daemon's address from \(path): \(error) (pass --socket or --url)")
        }
        guard let address = config.listen.first else {
            throw CtlError("\(path) has no listen address (pass --socket or --url)")
        }
        switch address {
        case .unix(let socketPath):
            return .unix(path: socketPath)
        case .tcp:
            guard let tokenFile = givenTokenFile ?? config.tokenFile else {
                throw CtlError("\(path): the first listen address \(address) is TCP and no token file is configured (pass --token-file)")
            }
            return .tcp(baseURL: "http://\(address)", token: try Self.firstToken(in: tokenFile))
        }
    }

    /// The token of a token file that may do the most (admin, then write, then read,
    /// then a feed token; the first of equals), read as the daemon reads the file,
    /// so followupctl can share the daemon's file or use a file of its own.
    static func firstToken(in path: String) throws(CtlError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CtlError("cannot read the token file \(path)")
        }
        let tokens: [AccessToken]
        do {
            tokens = try TokenFile.parse(String(decoding: data, as: UTF8.self), file: path)
        } catch {
            throw CtlError(error.message)
        }
        func rank(_ scope: TokenScope) -> Int {
            switch scope {
            case .admin: 0
            case .write: 1
            case .read: 2
            case .feed: 3
            }
        }
        guard let token = tokens.enumerated().min(by: { (rank($0.element.scope), $0.offset) < (rank($1.element.scope), $1.offset) })
        else { throw CtlError("the token file \(path) has no token") }
        return token.element.token
    }
}
