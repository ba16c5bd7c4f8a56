import Foundation
import FollowUpCore
import FollowUpRules
import Testing

/// 1,000 damaged copies of a `followupd.yaml` that uses every number and
/// duration the config has: each is refused with every problem at a line of
/// the file, or read with every number inside its bound (what the daemon
/// multiplies and adds at start: a lane's batch × in-flight, retry delays).
@Suite struct MutatedConfigTests {
    /// The shipped templates under one fixed path: the mutations run over the
    /// config's text, so a path that depends on where the checkout sits would
    /// make the damaged set (and how many are refused) differ from clone to clone.
    static let templates: String = {
        let link = "/tmp/followupd-tests-templates"
        // Another checkout may have made it: any templates directory will do, only its existence is read.
        try? FileManager.default.createSymbolicLink(atPath: link,
                                                    withDestinationPath: RuleFixtures.shippedDirectory().replacing("rules.d", with: "templates"))
        return link
    }()

    static let config = """
        database: /var/lib/followupd/followupd.sqlite
        durability: normal
        rules: /etc/followup/rules.d
        listen:
          - unix:/run/followupd/api.sock
        socket_mode: "0660"
        max_body_bytes: 1048576
        receivers:
          - name: log
            kind: log
          - name: crm
            kind: webhook
            url: https://relay.example.com/hook
            timeout: 5s
            in_flight: 16
            batch: 200
          - name: mail
            kind: smtp
            host: mail.example.com
            port: 587
            from: followupd@example.com
            timeout: 30s
        routes:
          - kinds: [sla.breached, lead.unrouted]
            receivers: [mail]
          - receivers: [crm]
        fallback:
          receiver: log
          after: 10m
        retry:
          base: 1s
          cap: 5m
        dead_letter_after: 24h
        templates: \(templates)

        """

    @Test func theUndamagedConfigReads() throws {
        let config = try DaemonConfig.parse(Self.config, file: "followupd.yaml")
        #expect(config.receivers.map(\.inFlight) == [1, 16, 4])
    }

    @Test func everyDamagedConfigIsRefusedAtALineOrBounded() {
        var failures: [String] = []
        var refused = 0
        for index in 0..<1_000 {
            var mutator = RuleMutator(seed: 0xC0F1_0000 + UInt64(index))
            let (text, edits) = mutator.mutate(Self.config)
            let label = "config \(index) (\(edits.joined(separator: ", ")))"
            do {
                let config = try DaemonConfig.parse(text, file: "followupd.yaml")
                if let problem = Self.unbounded(config) { failures.append("\(label): accepted with \(problem)") }
            } catch {
                refused += 1
                if let unplaced = error.problems.first(where: { ($0.place?.line ?? 0) < 1 || $0.place?.file != "followupd.yaml" }) {
                    failures.append("\(label): a problem without a line: \(unplaced)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 1000:\n\(failures.prefix(15).joined(separator: "\n"))")
        // Both outcomes must be common, or the test proves little either way
        // (906 of these 1,000 are refused: most edits break the YAML itself).
        #expect(refused > 250 && refused < 980, "\(refused) of 1000 refused")
    }

    /// What would overflow or stall the daemon at start, if anything.
    static func unbounded(_ config: DaemonConfig) -> String? {
        if config.maxBodyBytes > DaemonConfig.largestBody { return "max_body_bytes \(config.maxBodyBytes)" }
        for receiver in config.receivers where receiver.inFlight < 1 || receiver.inFlight > ReceiverConfig.mostInFlight {
            return "in_flight \(receiver.inFlight) of \(receiver.name)"
        }
        let policy = config.delivery.policy
        for span in [policy.backoff.base, policy.backoff.cap, policy.deadLetterAfter, policy.fallbackAfter]
        where span.seconds < 0 || span > InputBounds.longestDuration {
            return "a delivery duration of \(span.seconds) s"
        }
        return nil
    }
}
