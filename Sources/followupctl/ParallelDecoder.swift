import Dispatch
import Foundation
import FollowUpCore
import FollowUpFormats
import Synchronization

/// Decodes an event file on every core: the file is cut at line boundaries
/// into one stretch per core, each decoded on its own thread, then vetted in
/// order by ``EventScript/vet(_:file:engine:until:)``. Decoding is half of
/// `simulate`'s reading time, and this machine has two cores.
enum ParallelDecoder {
    /// Stretches smaller than this are not worth a thread.
    static let minimumStretch = 1 << 20

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> [EventScript.Chunk] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, bytes.count / minimumStretch))
        // Cut points just after a newline, so no line is split.
        var cuts = [0]
        for k in 1..<parts {
            var i = max(cuts[cuts.count - 1], bytes.count * k / parts)
            while i < bytes.count, bytes[i - 1] != 0x0A { i += 1 }
            cuts.append(i)
        }
        cuts.append(bytes.count)
        let bounds = cuts
        let results = Mutex<[Int: EventScript.Chunk]>([:])
        let base = UnsafeSendableBuffer(bytes)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let stretch = UnsafeBufferPointer(rebasing: base.buffer[bounds[k]..<bounds[k + 1]])
            // Line numbers are fixed up below, once every earlier stretch's count is known.
            let chunk = EventScript.decode(stretch, file: file, firstLine: 1)
            results.withLock { $0[k] = chunk }
        }
        var chunks = results.withLock { dict in (0..<parts).map { dict[$0]! } }
        var offset = 0
        for k in chunks.indices {
            chunks[k].lines = chunks[k].lines.map { $0 + offset }
            chunks[k].problems = chunks[k].problems.map { p in
                var p = p
                p.place?.line += offset
                return p
            }
            offset += chunks[k].lineCount
        }
        return chunks
    }
}

/// A read-only buffer handed to worker threads; the caller keeps it alive
/// for the duration of `concurrentPerform`, which returns only when all are done.
struct UnsafeSendableBuffer: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }
}
