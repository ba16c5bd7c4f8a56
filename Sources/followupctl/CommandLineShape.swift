import ArgumentParser
import FollowUpRules

/// What people type before ArgumentParser reads it: the daemon options
/// (`--socket`, `--url`, `--token-file`, `--config`) and `--output` may come
/// before the subcommand (`followupctl --output json status`), and a mistyped
/// subcommand, at either level (`followupctl staus`, `followupctl lead shw`),
/// gets a "did you mean" instead of "Unexpected argument".
enum CommandLineShape {
    /// Options that take a value and belong to every daemon command (and
    /// `--output` to every one that prints).
    static let daemonOptions: Set<String> = ["--socket", "--url", "--token-file", "--config", "--output"]

    /// The arguments with leading daemon options moved after the command
    /// words, or the message for a subcommand nobody knows. `subcommands`
    /// maps each command to its own subcommands (none for a leaf command).
    static func normalized(_ arguments: [String], subcommands: [String: [String]]) -> Result<[String], UnknownCommand> {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, let option = daemonOption(first) {
            rest = rest.dropFirst()
            if option.inlineValue {
                leading.append(first)
            } else if let value = rest.first {
                leading += [first, value]
                rest = rest.dropFirst()
            } else {
                leading.append(first)
            }
        }
        let names = subcommands.keys.sorted()
        if let word = rest.first, !word.hasPrefix("-"), word != "help" {
            guard let nested = subcommands[word] else {
                return .failure(UnknownCommand(word: word, suggestion: KeySuggestion.closest(to: word, among: names)))
            }
            // A group (`lead`, `rep`, `touch`, `outbox`) takes no positional of its own.
            let second = rest.dropFirst().first
            if let second, !nested.isEmpty, !second.hasPrefix("-"), second != "help", !nested.contains(second) {
                return .failure(UnknownCommand(word: "\(word) \(second)",
                                               suggestion: KeySuggestion.closest(to: second, among: nested).map { "\(word) \($0)" }))
            }
        }
        return .success(Array(rest) + leading)
    }

    private static func daemonOption(_ token: String) -> (name: String, inlineValue: Bool)? {
        if daemonOptions.contains(token) { return (token, false) }
        guard let equals = token.firstIndex(of: "="), daemonOptions.contains(String(token[..<equals])) else { return nil }
        return (String(token[..<equals]), true)
    }

    /// A first word that is no subcommand.
    struct UnknownCommand: Error, CustomStringConvertible {
        var word: String
        var suggestion: String?
        var description: String {
            "unknown command \"\(word)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                + " (see 'followupctl --help')"
        }
    }
}
