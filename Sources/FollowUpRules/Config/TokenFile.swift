import Foundation

/// One bearer token of the token file and what it may do.
public struct AccessToken: Sendable, Hashable {
    public var token: String
    public var scope: TokenScope
}

/// The token file (`token_file` in followupd.yaml): one token per line,
/// `SCOPE TOKEN`, or a lone `TOKEN`, which is an `admin` token (the format
/// before scopes existed). Blank lines and `#` comments are ignored.
///
/// ```
/// admin  9c1f…            # followupctl on the server
/// write  41d8…            # the CRM
/// read   77aa…            # the managers' dashboard
/// feed:alice  e0b2…       # alice's calendar app
/// ```
///
/// Problems name FILE:LINE:COL and never quote a token.
public enum TokenFile {
    /// Reads and checks `path`: only the daemon may read it (``SecretFileAccess``), and it holds at least one token.
    public static func load(_ path: String) throws(TokenFileError) -> [AccessToken] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            throw TokenFileError("token file \(path) \(reason)")
        }
        if let problem = SecretFileAccess.problem(path) {
            throw TokenFileError("token file \(problem); whoever reads it holds the API's keys")
        }
        let tokens = try parse(String(decoding: data, as: UTF8.self), file: path)
        guard !tokens.isEmpty else { throw TokenFileError("token file \(path) has no token") }
        return tokens
    }

    /// The tokens of a token file's text.
    public static func parse(_ text: String, file: String) throws(TokenFileError) -> [AccessToken] {
        var tokens: [AccessToken] = []
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            // A comment starts with a word beginning with `#`; a `#` inside a token is part of it.
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
                .prefix { !$0.hasPrefix("#") }
            guard let first = fields.first else { continue }
            let column = rawLine.distance(from: rawLine.startIndex, to: first.startIndex) + 1
            let entry: AccessToken
            switch fields.count {
            case 1:
                entry = AccessToken(token: String(first), scope: .admin)
            case 2:
                guard let scope = TokenScope(first) else {
                    throw TokenFileError("\(file):\(line):\(column): unknown scope (expected read, write, admin or feed:REP before the token)")
                }
                entry = AccessToken(token: String(fields[fields.startIndex + 1]), scope: scope)
            default:
                let extra = rawLine.distance(from: rawLine.startIndex, to: fields[fields.startIndex + 2].startIndex) + 1
                throw TokenFileError("\(file):\(line):\(extra): a line holds SCOPE TOKEN or TOKEN; this one has more (start a comment with #)")
            }
            if let earlier = seen[entry.token] {
                throw TokenFileError("\(file):\(line):\(column): the same token as line \(earlier); each token must be unique")
            }
            seen[entry.token] = line
            tokens.append(entry)
        }
        return tokens
    }
}

/// Why a token file cannot be used; the message names the file (and line).
public struct TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
