import FollowUpCore
import FollowUpFormats

/// One row as `row_to_json` gives it, read by column name: how the
/// PostgreSQL store reads leads and reps (one text column per row, parsed
/// with the core's JSONParser) instead of binding fifty typed columns.
struct JSONRow {
    let table: String
    private let fields: [String: JSONValue]

    init(_ text: String, table: String) throws {
        self.table = table
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(text)
        } catch {
            throw PostgresStoreError.data(table: table, key: "?", message: error.description)
        }
        guard case .object(let object) = value else {
            throw PostgresStoreError.data(table: table, key: "?", message: "expected a JSON object")
        }
        fields = object.dictionary
    }

    private func failure(_ column: String, _ expected: String) -> PostgresStoreError {
        let key = if case .string(let id)? = fields["id"] { id } else { "?" }
        return .data(table: table, key: key, message: "\(column): expected \(expected)")
    }

    func optionalString(_ column: String) throws -> String? {
        switch fields[column] {
        case .string(let s)?: s
        case .null?, nil: nil
        default: throw failure(column, "text")
        }
    }

    func string(_ column: String) throws -> String {
        guard let s = try optionalString(column) else { throw failure(column, "text") }
        return s
    }

    func optionalInt64(_ column: String) throws -> Int64? {
        switch fields[column] {
        case .number(let n)?:
            guard let value = Int64(n) else { throw failure(column, "a whole number") }
            return value
        case .null?, nil: return nil
        default: throw failure(column, "a whole number")
        }
    }

    func int64(_ column: String) throws -> Int64 {
        guard let n = try optionalInt64(column) else { throw failure(column, "a whole number") }
        return n
    }

    func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map(Int.init) }
    func int(_ column: String) throws -> Int { Int(try int64(column)) }
    func optionalInstant(_ column: String) throws -> Instant? { try optionalInt64(column).map(Instant.init(secondsSinceEpoch:)) }
    func instant(_ column: String) throws -> Instant { Instant(secondsSinceEpoch: try int64(column)) }

    func optionalBool(_ column: String) throws -> Bool? {
        switch fields[column] {
        case .bool(let b)?: b
        case .null?, nil: nil
        default: throw failure(column, "true or false")
        }
    }

    func bool(_ column: String) throws -> Bool {
        guard let b = try optionalBool(column) else { throw failure(column, "true or false") }
        return b
    }
}

extension JSONWriter {
    /// A member that is `null` when `value` is nil (jsonb_to_recordset reads it as NULL).
    mutating func optional(_ key: String, _ value: String?) {
        if let value { string(key, value) } else { null(key) }
    }

    mutating func optional(_ key: String, _ value: Int?) {
        if let value { int(key, value) } else { null(key) }
    }

    mutating func optional(_ key: String, _ value: Bool?) {
        if let value { bool(key, value) } else { null(key) }
    }

    /// An instant as whole seconds since the epoch, as every table keeps it.
    mutating func seconds(_ key: String, _ value: Instant?) {
        if let value { int(key, Int(value.secondsSinceEpoch)) } else { null(key) }
    }
}

/// The shared decoders (``LeadTable``) read by name here.
extension JSONRow: RecordReader {}
