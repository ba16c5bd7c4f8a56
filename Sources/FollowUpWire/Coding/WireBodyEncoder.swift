import FollowUpFormats

/// Writes an `Encodable` body into a ``JSONWriter`` the way the API writes
/// every body: members in declaration order, named in snake case, every
/// member written (`null` when an optional has no value), ``WireValue``s in
/// their wire form, nested bodies as objects and lists as arrays.
///
/// Members of the integer and floating-point types a body does not use
/// (`Int8`, `Float`, …) are not written as `null` when absent; the bodies use
/// `Int`, `Int64` and `Double`.
final class WireBodyEncoder: Encoder {
    /// The writer every nested encoder appends to.
    final class Sink {
        var writer: JSONWriter
        init(_ writer: JSONWriter) { self.writer = writer }
    }

    private enum Opened { case object, array }

    let sink: Sink
    /// The member name this value is written under; nil for an array element or the members of an open object.
    private let key: String?
    /// The value's members go into the object already open (a body's own members, or ``Inline`` ones).
    private let inline: Bool
    private var opened: Opened?
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(sink: Sink, key: String?, inline: Bool) {
        self.sink = sink
        self.key = key
        self.inline = inline
    }

    /// Writes `value` under `key` (nil: an array element).
    func write(_ value: some Encodable, key: String?) throws {
        if let leaf = value as? any WireValue {
            sink.writer.value(key, leaf.wireValue)
        } else if let member = value as? any WireMemberForm {
            try member.encodeMember(key: key, into: self)
        } else {
            let nested = WireBodyEncoder(sink: sink, key: key, inline: false)
            try value.encode(to: nested)
            nested.close()
        }
    }

    /// Writes `value`'s members into the object already open.
    func writeInline(_ value: some Encodable) throws {
        try value.encode(to: WireBodyEncoder(sink: sink, key: nil, inline: true))
    }

    private func close() {
        switch opened {
        case .object: sink.writer.endObject()
        case .array: sink.writer.endArray()
        case nil: break
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !inline && opened == nil {
            sink.writer.beginObject(key)
            opened = .object
        }
        return KeyedEncodingContainer(Members(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.writer.beginArray(key)
        opened = .array
        return Elements(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self, key: key) }

    private struct Members<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: WireBodyEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { encoder.sink.writer.null(WireMemberName.of(key)) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try encoder.write(value, key: WireMemberName.of(key))
        }

        // Every documented member is written: an optional without a value is `null`, not left out.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try member(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try member(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try member(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try member(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try member(value, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try member(value, key) }

        private func member<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encoder.write(value, key: WireMemberName.of(key)) } else { encoder.sink.writer.null(WireMemberName.of(key)) }
        }

        // Synthesized coding never asks for these; a body that codes itself writes its members directly.
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            preconditionFailure("a wire body's members are written by their Encodable conformance")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("a wire body's members are written by their Encodable conformance")
        }

        mutating func superEncoder() -> any Encoder { WireBodyEncoder(sink: encoder.sink, key: nil, inline: true) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            preconditionFailure("a wire body's members are written by their Encodable conformance")
        }
    }

    private struct Elements: UnkeyedEncodingContainer {
        let encoder: WireBodyEncoder
        var codingPath: [any CodingKey] { [] }
        private(set) var count = 0

        init(encoder: WireBodyEncoder) { self.encoder = encoder }

        mutating func encodeNil() throws {
            encoder.sink.writer.null(nil)
            count += 1
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try encoder.write(value, key: nil)
            count += 1
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            preconditionFailure("a wire body's elements are written by their Encodable conformance")
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("a wire body's elements are written by their Encodable conformance")
        }

        mutating func superEncoder() -> any Encoder {
            preconditionFailure("a wire body's elements are written by their Encodable conformance")
        }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: WireBodyEncoder
        let key: String?
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.sink.writer.null(key) }

        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.write(value, key: key) }
    }
}
