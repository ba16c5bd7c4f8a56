/// An `Int` in decimal, written straight into a byte buffer: notification
/// ids and JSON numbers are written by the million, and `String(value)` would
/// make a string per number first.
package enum DecimalText {
    /// Digits of the largest `Int`, with a sign.
    package static let maxDigits = 20

    /// Writes `value` in decimal at `start`; returns the index after it.
    package static func write(_ value: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var i = start
        var magnitude = value.magnitude
        if value < 0 { out[i] = UInt8(ascii: "-"); i += 1 }
        let first = i
        repeat {
            out[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            i += 1
        } while magnitude > 0
        // The digits went in least significant first.
        var low = first, high = i - 1
        while low < high {
            out.swapAt(low, high)
            low += 1
            high -= 1
        }
        return i
    }

    /// Appends `value` in decimal to `out`.
    package static func append(_ value: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxDigits) { buffer in
            let end = write(value, into: buffer, at: 0)
            out.append(contentsOf: buffer[..<end])
        }
    }
}
