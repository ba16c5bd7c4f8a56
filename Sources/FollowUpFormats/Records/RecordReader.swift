public import FollowUpCore

/// Where a stored row's values come from, one column at a time, in column order.
///
/// The SQLite store reads them by position (the name is for errors only);
/// the PostgreSQL store reads them by name from `row_to_json`. One decoder
/// (``LeadTable/read(from:)``, …) serves both, so it reads every column in
/// the order the table lists them.
public protocol RecordReader: ~Copyable {
    mutating func optionalString(_ column: String) throws -> String?
    mutating func optionalInt64(_ column: String) throws -> Int64?
    mutating func optionalBool(_ column: String) throws -> Bool?
}

/// A stored column that is NULL where a value must be.
public struct MissingColumnValue: Error, Sendable, CustomStringConvertible {
    public let column: String
    public var description: String { "\(column): NULL where a value is required" }
}

extension RecordReader where Self: ~Copyable {
    public mutating func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw MissingColumnValue(column: column) }
        return value
    }

    public mutating func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw MissingColumnValue(column: column) }
        return value
    }

    public mutating func bool(_ column: String) throws -> Bool {
        guard let value = try optionalBool(column) else { throw MissingColumnValue(column: column) }
        return value
    }

    public mutating func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map(Int.init) }
    public mutating func int(_ column: String) throws -> Int { Int(try int64(column)) }

    public mutating func optionalInstant(_ column: String) throws -> Instant? {
        try optionalInt64(column).map(Instant.init(secondsSinceEpoch:))
    }

    public mutating func instant(_ column: String) throws -> Instant { Instant(secondsSinceEpoch: try int64(column)) }
}
