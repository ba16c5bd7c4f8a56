import FollowUpCore
import FollowUpFormats
/// A count out of a count, kept exact and printed as reports print it.
public struct Ratio: Sendable, Hashable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `87.5` (one decimal, rounded half up); nil when the denominator is 0.
    public var percentText: String? { decimalText(scale: 100, places: 1) }

    /// The quotient with `places` decimals (`3.25`); nil when the denominator is 0.
    public func decimalText(scale: Int = 1, places: Int) -> String? {
        guard denominator > 0 else { return nil }
        var factor = 1
        for _ in 0..<places { factor *= 10 }
        // Round half up in integers: no floating point, so every platform prints the same.
        let scaled = (2 * numerator * scale * factor + denominator) / (2 * denominator)
        let whole = scaled / factor
        guard places > 0 else { return String(whole) }
        let fraction = String(scaled % factor)
        return "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
