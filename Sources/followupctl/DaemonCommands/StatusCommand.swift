import ArgumentParser
import FollowUpCore

/// `followupctl status`: is the daemon healthy, and how much is it holding.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the daemon's health and counts; exit 1 when it is not ready.")

    @OptionGroup var daemon: DaemonOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var ready = false
        try await CtlError.reporting {
            let endpoint = try daemon.endpoint()
            let status = try await DaemonClient.with(endpoint) { client in try await client.get("/v1/status") }
            ready = status["ready"]?.isTrue == true
            output.print(status) { Self.lines(of: $0, endpoint: endpoint) }
        }
        if !ready { throw ExitCode(1) }
    }

    static func lines(of status: JSONValue, endpoint: DaemonEndpoint) -> [String] {
        var out = ["followupd at \(endpoint): \(status["status"].shown)"]
        out.append("  now              \(status["now"].shown)")
        var rules = "  rules            version \(status["rules_version"].shown)"
        if let reload = status["last_reload"], reload != .null {
            rules += "; last reload \(reload["at"].shown) " + (reload["ok"]?.isTrue == true ? "ok" : "FAILED")
        }
        out.append(rules)
        if let reload = status["last_reload"], reload != .null, reload["ok"]?.isTrue != true {
            for line in reload["message"].shown.split(separator: "\n") { out.append("                   \(line)") }
        }
        if let lag = status["fire_lag_p99_seconds"]?.text.flatMap(Double.init) {
            out.append("  fire lag p99     \(ReadableDuration.text(seconds: lag))")
        }
        guard let stats = status["statistics"] else { return out }
        out.append("  events           \(stats["events"].shown)")
        out.append("  leads            " + counts(stats["leads"]))
        var timers = "  timers           \(stats["pending_timers"].shown) pending"
        if let next = stats["next_timer_at"]?.text { timers += ", next at \(next)" }
        out.append(timers)
        out.append("  outbox           " + counts(stats["outbox"]))
        return out
    }

    /// `open 3, engaged 1, …` in the daemon's order.
    private static func counts(_ object: JSONValue?) -> String {
        guard case .object(let members)? = object else { return "-" }
        return members.members.map { "\($0.key) \($0.value.text ?? "-")" }.joined(separator: ", ")
    }
}
