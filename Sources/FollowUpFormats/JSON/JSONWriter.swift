public import FollowUpCore
/// Writes JSON into a UTF-8 byte buffer with members in the order they are
/// written, which is what gives notifications their documented field order
/// (`id, at, kind, lead, to, step, deadline, reason`).
public struct JSONWriter {
    /// The bytes written so far.
    public var bytes: [UInt8] = []
    private var needsComma = [false]

    public init() {}

    /// Empties the writer for the next document, keeping its buffer's capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        // In place: a new array here was an allocation per notification in `simulate`.
        needsComma.removeAll(keepingCapacity: true)
        needsComma.append(false)
    }

    /// The written text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts an object (as a value, or as member `key`'s value).
    public mutating func beginObject(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Ends the innermost object.
    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    public mutating func beginArray(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Ends the innermost array.
    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a string member or element.
    public mutating func string(_ key: String?, _ value: String) {
        prefix(key)
        Self.appendQuoted(value, to: &bytes)
    }

    /// Writes an integer member or element.
    public mutating func int(_ key: String?, _ value: Int) {
        prefix(key)
        DecimalText.append(value, to: &bytes)
    }

    /// Writes a boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        prefix(key)
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Writes null.
    public mutating func null(_ key: String?) {
        prefix(key)
        bytes.append(contentsOf: Array("null".utf8))
    }

    /// Writes an instant as `"YYYY-MM-DDTHH:MM:SSZ"`.
    public mutating func instant(_ key: String?, _ value: Instant) {
        prefix(key)
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes any JSON value (object members sorted by name, for determinism).
    public mutating func value(_ key: String?, _ value: JSONValue) {
        switch value {
        case .null: null(key)
        case .bool(let b): bool(key, b)
        case .number(let n):
            prefix(key)
            bytes.append(contentsOf: Array(n.utf8))
        case .string(let s): string(key, s)
        case .array(let items):
            beginArray(key)
            for item in items { self.value(nil, item) }
            endArray()
        case .object(let object):
            beginObject(key)
            for m in object.members.sorted(by: { $0.key < $1.key }) { self.value(m.key, m.value) }
            endObject()
        }
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if let key {
            Self.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Appends `text` as a JSON string literal.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it in one go.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        } ?? false
        if plain {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for c in text.utf8 {
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
