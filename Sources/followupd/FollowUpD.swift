public import ArgumentParser
import FollowUpCore
import FollowUpDaemon
import FollowUpNotify
import FollowUpRules
import FollowUpSystemd
import Foundation
public import Logging
import ServiceLifecycle
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// `followupd`: the daemon. A thin main: arguments, logging, then ``Daemon`` in a
/// `ServiceGroup` that owns the process's signals.
@main
struct FollowUpD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followupd",
        abstract: "Keep every open lead's follow-ups on a durable timeline and send what is due.",
        discussion: """
            Notifications go to the receivers of the config (`log` prints JSON lines on stdout).
            The daemon's own log goes to the journal, with fields such as LEAD_ID, when systemd
            connected stderr to it (JOURNAL_STREAM), else to stderr as lines.
            SIGHUP reloads the rules; SIGTERM or SIGINT stops it gracefully. Under systemd
            (Type=notify) it reports READY, RELOADING, STOPPING, STATUS and WATCHDOG.
            """,
        version: FollowUpVersion.current)

    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "file"))
    var config: String = FollowUpD.defaultConfig

    @Option(name: .long, help: ArgumentHelp("The SQLite file or postgres:// URL (overrides the config).", valueName: "path|url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where the API listens, e.g. unix:/run/followupd/api.sock or 127.0.0.1:8787 (repeatable; overrides the config).",
        valueName: "address"))
    var listen: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "trace, debug (every notification minted, with LEAD_ID/REP_ID/NOTIFICATION_ID), info, notice, warning, error or critical.",
        valueName: "level"))
    var logLevel: Logger.Level = .info

    @Flag(name: .long, help: "Validate the config and the rules it names, then exit (0 valid, 1 not).")
    var checkConfig = false

    /// `etc/followup/followupd.yaml` in a checkout, else the installed one.
    static var defaultConfig: String {
        FileManager.default.fileExists(atPath: "etc/followup/followupd.yaml")
            ? "etc/followup/followupd.yaml" : "/etc/followup/followupd.yaml"
    }

    func run() async throws {
        switch LogDestination.detect() {
        case .journal: LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        case .standardError: LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        }
        var logger = Logger(label: "followupd")
        logger.logLevel = logLevel
        var settings: DaemonConfig
        do {
            settings = try DaemonConfig.load(path: config)
        } catch {
            for problem in error.problems { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
            throw ExitCode(1)
        }
        if let database {
            settings.database = database
            do { _ = try settings.location() } catch { throw ValidationError("--database: \(error.message)") }
        }
        if !listen.isEmpty {
            var addresses: [ListenAddress] = []
            for text in listen {
                guard let address = ListenAddress(parsing: text) else {
                    throw ValidationError("--listen \(text): neither unix:PATH nor HOST:PORT")
                }
                addresses.append(address)
            }
            settings.listen = addresses
        }
        let rules: LoadedRules
        do {
            rules = try RuleSet.load(directory: settings.rules)
        } catch {
            for problem in error.problems { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
            throw ExitCode(1)
        }
        let exposures = ListenExposure.warnings(settings.listen)
        if checkConfig {
            for warning in exposures { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            // Builds every receiver (templates, secret files) without a database, then lets go of them.
            do {
                let notifiers = try ReceiverSet.make(settings, contexts: BareMessageContext())
                for notifier in notifiers { await notifier.shutdown() }
            } catch {
                for problem in error.problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
                throw ExitCode(1)
            }
            print("config OK: \(config): database \((try? settings.location().description) ?? settings.database), listen \(settings.listen.map(\.description).joined(separator: ", "))")
            print("receivers OK: " + settings.receivers.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", ")
                  + ", \(settings.delivery.routes.count) route\(settings.delivery.routes.count == 1 ? "" : "s")"
                  + (settings.delivery.policy.fallback.map { ", fallback \($0) after \(settings.delivery.policy.fallbackAfter)" } ?? ""))
            print(rules.summary)
            return
        }
        // A receiver's program (sendmail, exec) that exits before reading its stdin
        // must fail that delivery, not kill the daemon with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        for warning in exposures { logger.warning("\(warning)") }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let daemon = Daemon(config: settings, rules: rules, logger: logger)
        // The hangup service comes first so that it stops last: a SIGHUP while the
        // daemon shuts down must still be trapped, not end the process.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: ReloadOnHangup(hangups: hangups, daemon: daemon)), .init(service: daemon)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let error as ReceiverSetupError {
            for problem in error.problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
            throw ExitCode(1)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
