import FollowUpCore
import Foundation

/// `slack` and `teams` receivers: an incoming-webhook URL read from a file.
extension DaemonConfig {
    func readChat(_ fields: RuleFields, with reader: inout RuleReader) -> ChatSettings? {
        guard fields.has("url_file") else {
            reader.log.error("\(fields.context) is missing `url_file` (a file holding the incoming-webhook URL)", at: fields.position)
            return nil
        }
        guard let file = reader.text(fields, "url_file"),
              Self.secretURLFile(file, fields.describe("url_file"), with: &reader)
        else { return nil }
        var settings = ChatSettings(urlFile: file.value)
        if let v = readTimeout(fields, with: &reader) { settings.timeout = v }
        return settings
    }

    /// Whether `path` is a file only the daemon can read (``SecretFileAccess``),
    /// holding an http(s) URL. Whoever reads an incoming-webhook URL can post to
    /// the channel. Problems never quote the file's content.
    static func secretURLFile(_ path: Located<String>, _ what: String, with reader: inout RuleReader) -> Bool {
        guard readable(path, what, with: &reader) else { return false }
        if let problem = SecretFileAccess.problem(path.value) {
            reader.log.error("\(what): \(problem); the URL lets anyone post to the channel", at: path.position)
            return false
        }
        guard ChatWebhookURL.read(path.value) != nil else {
            reader.log.error("\(what): \(path.value) does not hold an http:// or https:// URL (one line)", at: path.position)
            return false
        }
        return true
    }
}

/// The incoming-webhook URL in a `url_file`: its one line, surrounding
/// whitespace and the trailing newline ignored.
public enum ChatWebhookURL {
    /// The URL, or nil when the file cannot be read or does not hold one http(s) URL.
    public static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty, !text.contains(where: \.isNewline),
              let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else { return nil }
        return text
    }
}
