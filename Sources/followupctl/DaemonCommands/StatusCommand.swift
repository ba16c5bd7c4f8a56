import ArgumentParser
import FollowUpCore
import FollowUpWire
import Foundation

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
            let body = try StatusBody(answer: status)
            ready = body.health.readiness.ready
            output.print(status) { _ in Self.lines(of: body, endpoint: endpoint) }
        }
        if !ready { throw ExitCode(1) }
    }

    static func lines(of status: StatusBody, endpoint: DaemonEndpoint) -> [String] {
        let health = status.health
        var out = ["followupd at \(endpoint): \(health.readiness.status)"]
        out.append("  now              \(health.now)")
        var rules = "  rules            version \(health.rulesVersion ?? "-")"
        if let reload = health.lastReload {
            rules += "; last reload \(reload.at) " + (reload.ok ? "ok" : "FAILED")
        }
        out.append(rules)
        if let reload = health.lastReload, !reload.ok {
            for line in reload.message.split(separator: "\n") { out.append("                   \(line)") }
        }
        if let lag = health.fireLagP99Seconds {
            out.append("  fire lag p99     \(ReadableDuration.text(seconds: lag))")
        }
        let stats = status.statistics
        out.append("  events           \(stats.events)")
        out.append("  leads            " + counts(stats.leads))
        var timers = "  timers           \(stats.pendingTimers) pending"
        if let next = stats.nextTimerAt { timers += ", next at \(next)" }
        out.append(timers)
        out.append("  outbox           " + counts(stats.outbox))
        if let node = status.node {
            var line = "  node             \(node.name): \(node.role), epoch \(node.epoch)"
            if let leader = node.leader, leader != node.name { line += "; \(leader) leads" }
            if let age = node.leaseAgeSeconds { line += "; lease renewed \(String(format: "%.1f", age)) s ago" }
            if let offset = node.clockOffsetSeconds { line += "; database clock \(String(format: "%+.3f", offset)) s" }
            out.append(line)
            if let inForce = node.rulesInForce { out.append("  rules in force   version \(inForce) (the database's; every node runs them)") }
            for other in node.nodesWithOtherFiles {
                out.append("  files differ     \(other.node): its rule files are version \(other.version), since \(other.since)")
            }
        }
        return out
    }

    /// `open 3, engaged 1, …` in the API's order.
    private static func counts<Name: RawRepresentable & CaseIterable & Hashable>(_ counts: [Name: Int]) -> String
    where Name.RawValue == String {
        Name.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    }
}
