import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// contrib/'s Prometheus rules and Grafana dashboard (issue 15) use only the
/// metric names and labels the real daemon exports, and the rules pass
/// `promtool check rules` and their `promtool test rules` cases
/// (promtool is Debian's prometheus package, which scripts/bootstrap installs).
@Suite(.serialized) struct ContribTests {
    static let contrib = DaemonProcess.root.appendingPathComponent("contrib")
    static let files = ["prometheus/followupd-alerts.yml", "prometheus/followupd-alerts.test.yml", "grafana/followupd-dashboard.json"]

    /// Every match of `pattern`'s first group in `text`.
    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func everyMetricAndLabelContribUsesIsOneTheDaemonExports() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        #expect(try daemon.post("/v1/events", """
            [{"type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales"}},
             {"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"d@acme.test"}}]
            """).status == 200)
        try daemon.advance(to: "2026-11-24T15:10:00Z")
        daemon.waitForNotifications(2)
        let exposition = try daemon.get("/metrics").body
        let exported = Set(exposition.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
            $0.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
        })
        let labels = Set(try Self.matches(#"[{,]([a-z_]+)=""#, in: exposition)).union(["instance", "job", "le"])
        #expect(exported.contains("followupd_fire_lag_seconds_bucket"), "\(exported.sorted())")

        for file in Self.files {
            let text = try String(contentsOf: Self.contrib.appendingPathComponent(file), encoding: .utf8)
            let used = Set(try Self.matches(#"(followupd_[a-z_]+)"#, in: text))
            #expect(!used.isEmpty, "\(file) uses no metric")
            for name in used.sorted() { #expect(exported.contains(name), "\(file) uses \(name), which /metrics does not export") }
            let grouped = try Self.matches(#"by \(([a-z_, ]+)\)"#, in: text).flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let selected = try Self.matches(#"[{,] ?([a-z_]+) ?=~?""#, in: text)
            for label in Set(grouped + selected).sorted() {
                #expect(labels.contains(label), "\(file) uses label \(label), which /metrics does not export")
            }
        }
        let dashboard = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.contrib.appendingPathComponent("grafana/followupd-dashboard.json")))
        #expect(((dashboard as? [String: Any])?["panels"] as? [Any])?.count ?? 0 >= 8)
    }

    static let promtool = "/usr/bin/promtool"

    /// Fails, not skips, without promtool, as the PostgreSQL tests do without
    /// PostgreSQL: a skip would leave the rules admins load unchecked wherever
    /// promtool happens to be missing, CI included.
    @Test
    func promtoolChecksAndTestsTheRules() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.promtool), "\(Self.promtool) is missing: scripts/bootstrap installs it (Debian's prometheus package)")
        let directory = Self.contrib.appendingPathComponent("prometheus").path
        // 0.3 s on an idle machine, 40 s for both in a CI run beside the parallel suite: the
        // bound is for a hang, not for speed.
        let check = try Subprocess.run(Self.promtool, ["check", "rules", "followupd-alerts.yml"], directory: directory, timeout: 300)
        #expect(check.status == 0 && check.stdout.contains("SUCCESS: 9 rules found"), "\(check.stdout)\(check.stderr)")
        let test = try Subprocess.run(Self.promtool, ["test", "rules", "followupd-alerts.test.yml"], directory: directory, timeout: 300)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    }
}
