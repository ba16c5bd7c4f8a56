import Foundation

/// The tokens a TCP client may present as `Authorization: Bearer <token>`:
/// the lines of the configured token file, read once at start.
struct BearerTokens: Sendable {
    private let tokens: [[UInt8]]

    init(tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
    }

    /// Reads a token file: one token per line; blank lines and `#` comments are ignored.
    /// - Throws: ``APIStartupError`` naming the file when it is missing, unreadable or has no token.
    init(file path: String) throws(APIStartupError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw APIStartupError(message: "token file \(path) \(reason); a TCP listener needs at least one bearer token")
        }
        let tokens = Self.parse(text)
        guard !tokens.isEmpty else {
            throw APIStartupError(message: "token file \(path) has no token; a TCP listener needs at least one bearer token")
        }
        self.init(tokens: tokens)
    }

    /// The tokens in a token file's text.
    static func parse(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Whether `candidate` is one of the tokens. Every token is compared in full,
    /// so the time taken does not reveal how much of a token was right.
    func accepts(_ candidate: Substring) -> Bool {
        let given = Array(candidate.utf8)
        var found = false
        for token in tokens {
            found = Self.equalInConstantTime(given, token) || found
        }
        return found
    }

    private static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}
