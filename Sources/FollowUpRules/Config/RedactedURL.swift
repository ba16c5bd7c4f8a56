import Foundation

/// A webhook URL as it may be written to the journal, the outbox's
/// `last_error` and `GET /v1/outbox`: credentials in the userinfo
/// (`https://user:password@host/`) become `***`, as does every query value
/// (`?token=…`: relays commonly take their key there). The names stay, so
/// an operator still sees which URL and which parameters.
public enum RedactedURL {
    public static func text(_ url: String) -> String {
        var rest = Substring(url)
        var out = ""
        if let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            out += "***@" + authority[authority.index(after: at)...]
        } else {
            out += authority
        }
        rest = rest[authorityEnd...]
        let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
        let fragment = rest[fragmentStart...]
        rest = rest[..<fragmentStart]
        guard let question = rest.firstIndex(of: "?") else { return out + rest + fragment }
        out += rest[...question]
        let query = rest[rest.index(after: question)...]
        out += query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            return pair[...equals] + "***"
        }.joined(separator: "&")
        return out + (fragment.isEmpty ? "" : "#***")
    }
}
