import FollowUpCore
import FollowUpNotify

extension ReceiverLane {
    /// Sends one notification per request through a receiver that starts
    /// deliveries without a task each (``StartingNotifier``): up to
    /// `inFlight` started, each answer recorded as it comes and the next
    /// started in its place. No task per request and no task group: the
    /// answers come back on the event loop and wait in a stream for this
    /// task, which takes them without suspending while they keep coming.
    ///
    /// Shutting down (`stop`), nothing new starts and what is in flight runs
    /// to its answer (or the receiver's timeout) and is recorded.
    func sendStarted(_ entries: [OutboxEntry], through starter: any StartingNotifier, via: (any Notifier)?,
                     recorder: inout RoundRecorder, report: inout RoundReport, stop: StopSignal) async {
        let (answers, sink) = AsyncStream.makeStream(of: (OutboxEntry, DeliveryResult).self,
                                                     bufferingPolicy: .unbounded)
        var next = entries.makeIterator()
        var running = 0
        func startNext() {
            guard !stop.isStopped, let entry = next.next() else { return }
            running += 1
            starter.start(entry) { sink.yield((entry, $0)) }
        }
        for _ in 0..<inFlight { startNext() }
        guard running > 0 else { return }
        for await (entry, result) in answers {
            running -= 1
            if via == nil { report.count(result) }
            await recorder.add(outcome(of: entry, result, via: via))
            startNext()
            if running == 0 { break }
        }
        sink.finish()
    }
}
