import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire
import NIOHTTP1

/// `followupctl reload`: what `systemctl reload followupd` does, answered.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make the daemon reload its rules directory; exit 1, listing every problem, when the new rules are invalid.",
        discussion: """
            The daemon validates the whole rule set first: when it is invalid the old rules keep running.
            See what a reload would move first with `followupctl check-rules --against-running`.
            """)

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var succeeded = false
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.send(.POST, "/v1/rules/reload", body: [])
            }
            let answer: JSONValue? = reply.body.withUnsafeBufferPointer { try? JSONParser.parse($0) }
            guard let answer, reply.status == 200 || reply.status == 422 else {
                _ = try reply.json()  // the daemon's own error (404, 401, …)
                throw CtlError("the daemon answered \(reply.status)")
            }
            let outcome = try ReloadBody(answer: answer)
            succeeded = outcome.ok
            // The answer as is, on stdout whether or not the reload took; the exit status says which.
            if output.isJSON { return output.print(answer) { _ in [] } }
            let message = outcome.message
            if succeeded {
                print("reloaded: \(message)")
            } else {
                Terminal.error("followupctl: reload failed; the running rules stay in force:")
                for line in message.split(separator: "\n") { Terminal.error("  \(line)") }
            }
        }
        if !succeeded { throw ExitCode(1) }
    }
}
