import ArgumentParser
import FollowUpRules

/// What people type before ArgumentParser reads it: the daemon options
/// (`--socket`, `--url`, `--token-file`, `--config`) may come before the
/// subcommand (`followupctl --socket x status`), and a mistyped subcommand
/// gets a "did you mean" instead of "Unexpected argument".
enum CommandLineShape {
    /// Options that take a value and belong to every daemon command.
    static let daemonOptions: Set<String> = ["--socket", "--url", "--token-file", "--config"]

    /// The arguments with leading daemon options moved after the command
    /// words, or the message for a subcommand nobody knows.
    static func normalized(_ arguments: [String], subcommands: [String]) -> Result<[String], UnknownCommand> {
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
        if let word = rest.first, !word.hasPrefix("-"), word != "help", !subcommands.contains(word) {
            return .failure(UnknownCommand(word: word, suggestion: KeySuggestion.closest(to: word, among: subcommands)))
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
