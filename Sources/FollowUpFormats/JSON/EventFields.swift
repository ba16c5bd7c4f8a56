import FollowUpCore
/// Reads typed members out of a JSON object, remembering which were used so
/// the rest can be kept as attributes.
struct Fields {
    private var members: JSONObject
    let prefix: String

    init(_ members: JSONObject, path: String) {
        self.members = members
        self.prefix = path
    }

    /// The members nobody asked for.
    var rest: [String: JSONValue] { members.isEmpty ? [:] : members.dictionary }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    private mutating func take(_ key: String) -> JSONValue? {
        guard let v = members.remove(key) else { return nil }
        if case .null = v { return nil }
        return v
    }

    /// A lead or rep id: it travels into URLs, `Idempotency-Key` headers,
    /// notification ids and log fields, so control characters (a NUL, a line
    /// break) are refused, and so is an id longer than ``maxIDLength`` bytes.
    mutating func requiredID(_ key: String) throws(Diagnostic) -> String {
        guard let id = try optionalID(key) else { throw Diagnostic(field: path(key), message: "missing") }
        return id
    }

    /// In NFC (``CanonicalText``), measured after normalizing.
    mutating func optionalID(_ key: String) throws(Diagnostic) -> String? {
        guard let id = try optionalString(key).map(CanonicalText.normalized) else { return nil }
        if id.utf8.count > Self.maxIDLength {
            throw Diagnostic(field: path(key), message: "longer than \(Self.maxIDLength) bytes")
        }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Diagnostic(field: path(key), message: "contains a control character (a NUL, a line break, …)")
        }
        return id
    }

    /// A name the rules match on (a team, a source, an activity's action):
    /// like an id, it has no control character. Rule files cannot name
    /// `sales\r\n` or `web\tform`, so such a name would only route and score
    /// as nothing while reaching reports, CSV and notifications as a line
    /// break or a tab. Free text (a lead's name, company, a reason) keeps its
    /// line breaks and is escaped or encoded where it is used.
    /// In NFC, as ids are: a team is a key of reports' groups.
    mutating func optionalName(_ key: String) throws(Diagnostic) -> String? {
        guard let name = try optionalString(key).map(CanonicalText.normalized) else { return nil }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Diagnostic(field: path(key), message: "contains a control character (a line break, a tab, …); it is a name the rules match on")
        }
        return name
    }

    mutating func requiredName(_ key: String) throws(Diagnostic) -> String {
        guard let name = try optionalName(key) else { throw Diagnostic(field: path(key), message: "missing") }
        return name
    }

    /// The longest lead or rep id accepted.
    static let maxIDLength = 200

    mutating func requiredString(_ key: String) throws(Diagnostic) -> String {
        guard let s = try optionalString(key) else { throw Diagnostic(field: path(key), message: "missing") }
        return s
    }

    /// A text member. A NUL is refused in every one, not only in ids: SQLite
    /// stores the whole text but hands back only what comes before a NUL, so
    /// `"source": "web\u0000form"` was triaged as sent and read back as `web`.
    mutating func optionalString(_ key: String) throws(Diagnostic) -> String? {
        guard let v = take(key) else { return nil }
        guard case .string(let s) = v else {
            throw Diagnostic(field: path(key), message: "expected a string, got \(v.typeDescription)")
        }
        if s.isEmpty { return nil }
        // Over the contiguous bytes: `utf8.contains` walks string indices one
        // at a time, and every string of every event passes here (a sixth of
        // `simulate`'s reading thread).
        if s.utf8.withContiguousStorageIfAvailable({ $0.contains(0) }) ?? s.utf8.contains(0) {
            throw Diagnostic(field: path(key), message: "contains a NUL character")
        }
        return s
    }

    mutating func requiredBool(_ key: String) throws(Diagnostic) -> Bool {
        guard let v = take(key) else { throw Diagnostic(field: path(key), message: "missing (true or false)") }
        guard case .bool(let b) = v else {
            throw Diagnostic(field: path(key), message: "expected true or false, got \(v.typeDescription)")
        }
        return b
    }

    /// An integer within `bounds`: numbers are bounded where they are read,
    /// so the engine's arithmetic on them cannot overflow (``InputBounds``).
    mutating func optionalInt(_ key: String, in bounds: ClosedRange<Int>) throws(Diagnostic) -> Int? {
        guard let v = take(key) else { return nil }
        guard case .number(let text) = v, let n = Int(text) ?? Self.outOfIntRange(text) else {
            throw Diagnostic(field: path(key), message: "expected an integer, got \(v.typeDescription)")
        }
        if n < bounds.lowerBound {
            throw Diagnostic(field: path(key), message: "must be at least \(bounds.lowerBound), got \(text)")
        }
        if n > bounds.upperBound {
            throw Diagnostic(field: path(key), message: "must be at most \(bounds.upperBound), got \(text)")
        }
        return n
    }

    /// An integer too large for `Int` (`99999999999999999999`) as the `Int`
    /// limit on its side, so it is refused as out of bounds, not as "not an integer".
    private static func outOfIntRange(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text.hasPrefix("-") ? .min : .max
    }

    /// A non-negative sum of money (a JSON number, rounded to the cent), at most ``Amount/maximum``.
    mutating func optionalAmount(_ key: String) throws(Diagnostic) -> Amount? {
        guard let v = take(key) else { return nil }
        guard case .number(let text) = v else {
            throw Diagnostic(field: path(key), message: "expected a number (an amount such as 1200 or 1200.50), got \(v.typeDescription)")
        }
        guard let amount = Amount(parsing: text) else {
            throw Diagnostic(field: path(key), message: "must be an amount from 0 to \(Amount.maximum.cents / 100), got \(text)")
        }
        return amount
    }

    /// One bare email address (``EmailAddress``): addresses reach SMTP
    /// commands and mail headers, where a line break or a comma does harm.
    mutating func optionalEmail(_ key: String) throws(Diagnostic) -> String? {
        guard let text = try optionalString(key) else { return nil }
        if let problem = EmailAddress.problem(in: text) {
            throw Diagnostic(field: path(key), message: "not an email address: \(problem)")
        }
        return text
    }

    mutating func optionalInstant(_ key: String) throws(Diagnostic) -> Instant? {
        guard let text = try optionalString(key) else { return nil }
        guard let instant = RFC3339.parse(text) else {
            throw Diagnostic(field: path(key), message: "\"\(text)\" is not an RFC 3339 time (e.g. 2026-11-24T20:00:00Z)")
        }
        return instant
    }

    mutating func optionalZone(_ key: String) throws(Diagnostic) -> String? {
        guard let zone = try optionalString(key) else { return nil }
        guard ZoneCatalog.shared.rules(for: zone) != nil else {
            throw Diagnostic(field: path(key), message: "unknown time zone \"\(zone)\" (an IANA name such as America/New_York)")
        }
        return zone
    }

    mutating func requiredObject(_ key: String) throws(Diagnostic) -> JSONObject {
        guard let v = take(key) else { throw Diagnostic(field: path(key), message: "missing") }
        guard case .object(let o) = v else {
            throw Diagnostic(field: path(key), message: "expected an object, got \(v.typeDescription)")
        }
        return o
    }

    mutating func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String) throws(Diagnostic) -> E
    where E.RawValue == String {
        let raw = try requiredString(key)
        guard let value = E(rawValue: raw) else {
            let known = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw Diagnostic(field: path(key), message: "unknown value \"\(raw)\" (one of \(known))")
        }
        return value
    }
}
