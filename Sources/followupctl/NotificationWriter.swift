import Dispatch
import FollowUpCore

/// Encodes and writes notifications on a thread of its own, in batches, so
/// the engine keeps one core and the printing the other. Batches are written
/// in the order they were enqueued; at most ``maxInFlight`` wait at once, so a
/// slow stdout slows the engine down instead of filling memory.
final class NotificationWriter: @unchecked Sendable {
    static let batchSize = 4_096
    static let maxInFlight = 8

    // Touched only on `queue`, one batch at a time.
    private var printer: NotificationPrinter
    private var out = StandardOutput()
    private let queue = DispatchQueue(label: "followupctl.output")
    private let slots = DispatchSemaphore(value: NotificationWriter.maxInFlight)

    init(format: SimulateCommand.Format) {
        printer = NotificationPrinter(format: format)
        queue.sync { printer.header(to: &out) }
    }

    /// Hands a batch to the writer thread (blocks while too many are waiting).
    func enqueue(_ batch: [LeadNotification]) {
        guard !batch.isEmpty else { return }
        slots.wait()
        queue.async {
            self.printer.print(batch, to: &self.out)
            self.slots.signal()
        }
    }

    /// Waits for every batch and flushes standard output.
    func finish() {
        queue.sync { out.flush() }
    }
}
