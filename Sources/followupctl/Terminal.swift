import Foundation

/// Writing to stdout and stderr: buffered, because `simulate` prints
/// hundreds of thousands of lines and a write per line would dominate.
enum Terminal {
    /// Prints a line on stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A buffered writer to standard output.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16
    /// Full buffers kept back while ``holding``.
    private var held: [[UInt8]] = []
    /// While true nothing reaches standard output: what is written is kept
    /// until ``release()`` (`simulate` prints nothing before its input is vetted).
    private(set) var holding: Bool

    init(holding: Bool = false) {
        self.holding = holding
        buffer.reserveCapacity(limit + 4_096)
    }

    /// Appends bytes, flushing when the buffer is full.
    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Appends a line of text.
    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= limit { flush() }
    }

    /// Writes out what is buffered (or, while holding, sets it aside).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if holding {
            held.append(buffer)
            buffer = []
            buffer.reserveCapacity(limit + 4_096)
            return
        }
        try? FileHandle.standardOutput.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Stops holding: writes out what was kept, in order.
    mutating func release() {
        guard holding else { return }
        holding = false
        for part in held { try? FileHandle.standardOutput.write(contentsOf: part) }
        held = []
        flush()
    }
}
