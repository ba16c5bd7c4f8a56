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
    private var out: StandardOutput
    private let queue = DispatchQueue(label: "followupctl.output")
    private let slots = DispatchSemaphore(value: NotificationWriter.maxInFlight)
    /// Touched only by the caller's thread.
    private var holding: Bool

    /// - Parameter holding: encode batches as they come but keep the bytes
    ///   back until ``release()`` (while the input is still being vetted: with
    ///   a bad line, nothing may be printed). Kept encoded, they take less
    ///   memory than as values, and the encoding is done by then.
    init(format: SimulateCommand.Format, holding: Bool = false) {
        printer = NotificationPrinter(format: format)
        out = StandardOutput(holding: holding)
        self.holding = holding
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

    /// Prints what was held and everything after as it comes.
    func release() {
        guard holding else { return }
        holding = false
        queue.async { self.out.release() }
    }

    /// Waits for every batch and flushes standard output.
    func finish() {
        queue.sync { out.flush() }
    }
}
