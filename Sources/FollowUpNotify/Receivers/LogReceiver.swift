public import FollowUpCore
import FollowUpFormats
import Foundation
import Synchronization

/// The `log` receiver: each notification as one JSON line, in DESIGN.md's
/// format, so `followupd | jq` or the journal shows exactly what relays
/// would receive. Standard output by default (what `scripts/run` and the
/// tests read); `stream: stderr` for a unit whose stdout goes elsewhere.
/// Under systemd both streams reach the journal.
public final class LogReceiver: Notifier {
    public let name: String
    /// Serialises lines from concurrent deliveries so they never interleave.
    private let output: Mutex<FileHandle>

    public init(name: String = "log", standardError: Bool = false) {
        self.name = name
        self.output = Mutex(standardError ? FileHandle.standardError : FileHandle.standardOutput)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        var line = Array(entry.notification.jsonLine.utf8)
        line.append(0x0A)
        return output.withLock { handle in
            do {
                try handle.write(contentsOf: line)
                return .delivered
            } catch {
                return .retry("cannot write to the log stream: \(error)")
            }
        }
    }
}
