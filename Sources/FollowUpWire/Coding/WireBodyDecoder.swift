import FollowUpCore

/// Reads a `Decodable` body from a parsed answer the way ``WireObject`` reads
/// one: every member required (`null` for an optional without a value),
/// ``WireValue``s checked by their own reader, and every error a
/// ``Diagnostic`` naming the member by its path (`leads[3].step.deadline`).
final class WireBodyDecoder: Decoder {
    private let value: JSONValue
    /// Where the value is (`leads[3].step`); empty at the top.
    private let field: String
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ value: JSONValue, field: String) {
        self.value = value
        self.field = field
    }

    /// Reads `value` at `field` as `T`.
    static func read<T: Decodable>(_ type: T.Type, from value: JSONValue, field: String) throws -> T {
        if let leaf = T.self as? any WireValue.Type {
            return try leaf.init(wireValue: value, field: field) as! T
        }
        return try T(from: WireBodyDecoder(value, field: field))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Members(object: try WireObject(value, path: field)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw Diagnostic.mismatch(field, expected: "an array", got: value) }
        return Elements(items: items, field: field)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value, field: field) }

    private struct Members<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: WireObject
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { object.object.members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { object.value(WireMemberName.of(key)) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try object.required(WireMemberName.of(key)) == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let name = WireMemberName.of(key)
            if let form = T.self as? any WireMemberForm.Type { return try form.init(member: name, of: object) as! T }
            return try WireBodyDecoder.read(type, from: try object.required(name), field: object.field(name))
        }

        // Every member is required: `null` reads as nil, a missing member is an error.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try nullable(type, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try nullable(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try nullable(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try nullable(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try nullable(type, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try nullable(type, key) }

        private func nullable<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
            try decodeNil(forKey: key) ? nil : try decode(type, forKey: key)
        }

        // Synthesized decoding never asks for these; a body that reads itself reads its members directly.
        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            try WireBodyDecoder(try object.required(WireMemberName.of(key)), field: object.field(WireMemberName.of(key)))
                .container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try WireBodyDecoder(try object.required(WireMemberName.of(key)), field: object.field(WireMemberName.of(key)))
                .unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { WireBodyDecoder(.object(object.object), field: object.path) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            WireBodyDecoder(try object.required(WireMemberName.of(key)), field: object.field(WireMemberName.of(key)))
        }
    }

    private struct Elements: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let field: String
        var codingPath: [any CodingKey] { [] }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }
        private(set) var currentIndex = 0

        init(items: [JSONValue], field: String) {
            self.items = items
            self.field = field
        }

        private mutating func next() -> (JSONValue, String) {
            defer { currentIndex += 1 }
            return (items[currentIndex], "\(field)[\(currentIndex)]")
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (item, path) = next()
            return try WireBodyDecoder.read(type, from: item, field: path)
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
            let (item, path) = next()
            return try WireBodyDecoder(item, field: path).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (item, path) = next()
            return try WireBodyDecoder(item, field: path).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (item, path) = next()
            return WireBodyDecoder(item, field: path)
        }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let field: String
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { value == .null }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try WireBodyDecoder.read(type, from: value, field: field) }
    }
}
