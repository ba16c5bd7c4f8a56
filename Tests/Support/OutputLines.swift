public import Foundation

/// Complete lines out of a byte stream read in chunks of any size: cut on the
/// newline byte and decoded whole, so a multi-byte character that one read
/// split in two stays one character (decoding each chunk on its own would
/// turn both halves into U+FFFD).
public struct OutputLines {
    /// The bytes after the last newline, waiting for the rest of their line.
    private var pending = Data()

    public init() {}

    /// The lines `bytes` completes, without their newlines.
    public mutating func add(_ bytes: Data) -> [String] {
        pending.append(bytes)
        var lines: [String] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            lines.append(String(decoding: pending[start..<newline], as: UTF8.self))
            start = pending.index(after: newline)
        }
        pending = Data(pending[start...])
        return lines
    }
}
