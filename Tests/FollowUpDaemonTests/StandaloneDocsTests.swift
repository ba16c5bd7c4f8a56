import FollowUpCore
import FollowUpTestSupport
import Foundation
import Testing

/// The docs a new user reads stand on their own (issue 15): every event type,
/// channel and outcome the decoder takes is in docs/events.md, every
/// notification kind and reason the engine mints in docs/notifications.md,
/// and the README's and docs' commands on the shipped example run as written.
@Suite struct StandaloneDocsTests {
    static func doc(_ path: String) throws -> String {
        try String(contentsOf: DaemonProcess.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func eventsMdDocumentsEveryTypeChannelAndOutcome() throws {
        let text = try Self.doc("docs/events.md")
        for type in Event.Body.types { #expect(text.contains("### `\(type)`") || text.contains("`\(type)`"), "docs/events.md lacks \(type)") }
        for type in Event.Body.types { #expect(text.contains("\"type\":\"\(type)\""), "docs/events.md has no example of \(type)") }
        for channel in Channel.allCases { #expect(text.contains("`\(channel.rawValue)`"), "docs/events.md lacks channel \(channel)") }
        for outcome in Outcome.allCases { #expect(text.contains("`\(outcome.rawValue)`"), "docs/events.md lacks outcome \(outcome)") }
    }

    @Test func notificationsMdDocumentsEveryKindAndReason() throws {
        let text = try Self.doc("docs/notifications.md")
        for kind in NotificationKind.allCases { #expect(text.contains("| `\(kind.rawValue)` |"), "docs/notifications.md lacks \(kind.rawValue)") }
        // `unrouted` is a reason the engine never writes (notices to the fallback carry none).
        for reason in NotificationReason.allCases where reason != .unrouted {
            #expect(text.contains("| `\(reason.rawValue)` |"), "docs/notifications.md lacks reason \(reason.rawValue)")
        }
    }

    /// Every `followupctl simulate|explain … examples/…` line of the README and
    /// the docs, run from the repository root as a reader would paste it.
    @Test func theReadmesOfflineExamplesRunOnTheShippedFile() throws {
        var commands: [String] = []
        for path in ["README.md", "docs/events.md", "docs/policy.md", "docs/notifications.md"] {
            for line in try Self.doc(path).split(separator: "\n") where line.hasPrefix("followupctl simulate") || line.hasPrefix("followupctl explain ") {
                guard line.contains("examples/") else { continue }
                commands.append(String(line.split(separator: "#").first!).trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(commands.count >= 5, "\(commands)")
        #expect(try Self.doc("README.md").contains("--events examples/first-week.jsonl"))
        for command in commands {
            let arguments = command.split(separator: " ", omittingEmptySubsequences: true).dropFirst().map(String.init)
            let run = try Subprocess.run(Subprocess.followupctl, arguments, directory: DaemonProcess.root.path, timeout: 60)
            #expect(run.status == 0 && !run.stdout.isEmpty, "\(command): \(run.stderr)")
        }
    }
}
