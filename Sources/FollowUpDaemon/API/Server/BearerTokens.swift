import FollowUpRules
import Foundation
import Synchronization

/// The tokens a TCP client may present (`Authorization: Bearer <token>`, or
/// `?token=` on the dashboard and calendar feeds), each with its
/// ``FollowUpRules/TokenScope``: the token file, read at start and again on
/// every SIGHUP.
final class BearerTokens: Sendable {
    /// The token file (nil for tokens given in code).
    let file: String?
    private let tokens: Mutex<[(bytes: [UInt8], scope: TokenScope)]>

    init(_ tokens: [AccessToken], file: String? = nil) {
        self.file = file
        self.tokens = Mutex(Self.prepared(tokens))
    }

    /// Reads a token file (``FollowUpRules/TokenFile``).
    /// - Throws: ``APIStartupError`` naming the file when it is missing, unreadable,
    ///   open to other users, malformed or has no token.
    convenience init(file path: String) throws(APIStartupError) {
        do {
            self.init(try TokenFile.load(path), file: path)
        } catch {
            throw APIStartupError(message: "\(error.message); a TCP listener needs at least one bearer token")
        }
    }

    /// Reads the token file again. A file that cannot be used leaves the
    /// tokens in force unchanged: the daemon never locks everyone out on a typo.
    /// - Returns: how many tokens are now in force.
    /// - Throws: ``FollowUpRules/TokenFileError`` saying why the file was not taken.
    @discardableResult
    func reload() throws(TokenFileError) -> Int {
        guard let file else { return tokens.withLock { $0.count } }
        let fresh = try TokenFile.load(file)
        tokens.withLock { $0 = Self.prepared(fresh) }
        return fresh.count
    }

    private static func prepared(_ tokens: [AccessToken]) -> [(bytes: [UInt8], scope: TokenScope)] {
        tokens.map { (Array($0.token.utf8), $0.scope) }
    }

    /// The scope of `candidate`, or nil when it is no token of the file. Every
    /// token is compared in full, so the time taken does not reveal how much
    /// of a token was right.
    func scope(of candidate: Substring) -> TokenScope? {
        let given = Array(candidate.utf8)
        return tokens.withLock { tokens in
            var found: TokenScope?
            for token in tokens where Self.equalInConstantTime(given, token.bytes) {
                found = token.scope
            }
            return found
        }
    }

    /// A token whose scope grants `scope`, to present on the caller's behalf
    /// (a standby forwarding a Unix-socket client's write to a leader on TCP).
    func token(granting scope: TokenScope) -> String? {
        tokens.withLock { tokens in
            tokens.first { $0.scope.grants(scope) }.map { String(decoding: $0.bytes, as: UTF8.self) }
        }
    }

    private static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}
