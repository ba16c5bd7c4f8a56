/// A sum of money in whole cents, in the team's own currency (followupd does
/// not convert): a won deal's `value`, a source's `cost_per_month`, and the
/// revenue and costs reports add up from them.
///
/// Cents in an integer so sums and prorated costs print the same on every
/// platform; bounded (``maximum``) so adding every deal of a large team cannot
/// overflow.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    /// The largest amount accepted in an event or the config: 1,000,000,000.
    public static let maximum = Amount(cents: 100_000_000_000)
    public static let zero = Amount(cents: 0)

    /// A JSON or YAML number (`1200`, `1200.5`, `1.2e3`), rounded half up to
    /// the cent; nil when it is not a number, negative, or above ``maximum``.
    public init?(parsing text: String) {
        let trimmed = text.trimmingASCIISpaces
        // Digits, a point, an exponent: no `nan`, `inf` or hex that Double would take.
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
              let number = Double(trimmed), number.isFinite, number >= 0,
              number <= Double(Self.maximum.cents) / 100 else { return nil }
        self.cents = Int64((number * 100).rounded())
    }

    /// `1200.00`, `0.50`: two decimals, as JSON and tables print money.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(cents: lhs.cents - rhs.cents) }

    /// This amount divided by `count`, rounded half away from zero to the cent; nil for 0.
    public func divided(by count: Int) -> Amount? {
        guard count > 0 else { return nil }
        let n = Int64(count)
        let half = n / 2
        return Amount(cents: cents >= 0 ? (cents + half) / n : (cents - half) / n)
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs (YAML scalars may keep them).
    var trimmingASCIISpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
