public import FollowUpCore
import Foundation
import Synchronization

/// The `log` receiver: each notification as one JSON line on standard output,
/// in DESIGN.md's format, so `followupd | jq` or the journal shows exactly
/// what relays would receive.
public final class LogReceiver: Notifier {
    public let name: String
    /// Serialises lines from concurrent deliveries so they never interleave.
    private let output = Mutex<FileHandle>(FileHandle.standardOutput)

    public init(name: String = "log") {
        self.name = name
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        var line = Array(entry.notification.jsonLine.utf8)
        line.append(0x0A)
        return output.withLock { handle in
            do {
                try handle.write(contentsOf: line)
                return .delivered
            } catch {
                return .retry("cannot write to standard output: \(error)")
            }
        }
    }
}
