/// A binary min-heap of queued timers: the in-memory world's timer queue.
///
/// Not `HeapModule.Heap`: that is a min-max heap (it keeps both ends), and
/// keeping the max end cost `simulate` a twentieth of its engine thread in
/// `trickleDownMin`, for an end the queue never asks for. A min-heap moves a
/// hole down with one comparison per child and one write per level.
struct TimerHeap: Sendable {
    private var items: [QueuedTimer] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    /// The earliest timer, if any.
    var min: QueuedTimer? { items.first }

    mutating func insert(_ item: QueuedTimer) {
        items.append(item)
        var hole = items.count - 1
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard item < items[parent] else { break }
            items[hole] = items[parent]
            hole = parent
        }
        items[hole] = item
    }

    /// Removes and returns the earliest timer.
    @discardableResult
    mutating func popMin() -> QueuedTimer? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let first = items[0]
        // Move the hole from the root down to where the last item belongs.
        let count = items.count
        var hole = 0
        while true {
            var child = 2 * hole + 1
            guard child < count else { break }
            if child + 1 < count, items[child + 1] < items[child] { child += 1 }
            guard items[child] < last else { break }
            items[hole] = items[child]
            hole = child
        }
        items[hole] = last
        return first
    }
}
