import FollowUpCore
import FollowUpFormats
import GRDB

/// Reads a row's columns left to right, throwing (not trapping, as GRDB's
/// subscripts do) when a value has the wrong type: a bad row must fail its
/// transaction, not the daemon.
struct ColumnReader {
    let row: Row
    private(set) var index = 0

    init(row: Row) { self.row = row }

    private mutating func next<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ type: Value.Type) throws -> Value {
        defer { index += 1 }
        return try row.decode(Value.self, atIndex: index)
    }

    mutating func string() throws -> String { try next(String.self) }
    mutating func optionalString() throws -> String? { try next(String?.self) }
    mutating func int() throws -> Int { try next(Int.self) }
    mutating func optionalInt() throws -> Int? { try next(Int?.self) }
    mutating func int64() throws -> Int64 { try next(Int64.self) }
    mutating func optionalInt64() throws -> Int64? { try next(Int64?.self) }
    mutating func bool() throws -> Bool { try next(Bool.self) }
    mutating func optionalBool() throws -> Bool? { try next(Bool?.self) }
    mutating func instant() throws -> Instant { Instant(secondsSinceEpoch: try next(Int64.self)) }
    mutating func optionalInstant() throws -> Instant? { try next(Int64?.self).map(Instant.init(secondsSinceEpoch:)) }
}

/// The shared decoders (``LeadTable``) read columns in table order; here the
/// name only documents which one, the position decides.
extension ColumnReader: RecordReader {
    mutating func optionalString(_ column: String) throws -> String? { try optionalString() }
    mutating func optionalInt64(_ column: String) throws -> Int64? { try optionalInt64() }
    mutating func optionalBool(_ column: String) throws -> Bool? { try optionalBool() }
}
