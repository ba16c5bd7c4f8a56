import FollowUpCore
/// Reads CSV as RFC 4180 describes it, keeping where every field starts, so
/// problems can be reported as `FILE:LINE:COLUMN`.
///
/// Fields are separated by commas; a field in double quotes may hold commas,
/// line breaks and doubled quotes (`""`). Records end with CRLF, LF or CR (a
/// spreadsheet's export uses any). A UTF-8 byte-order mark is skipped and
/// blank lines are ignored. A quote inside an unquoted field, text after a
/// closing quote, and an unterminated quote are errors.
public enum CSVReader {
    /// One field and the physical line it starts on (1-based).
    public struct Field: Sendable, Hashable {
        public var value: String
        public var line: Int
        /// Whether it was written in quotes.
        public var quoted: Bool
    }

    /// One record: its fields, and the line it starts on.
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [Field]
    }

    /// Malformed CSV at a line and (1-based) field position.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"),
                       lf = UInt8(ascii: "\n")

    /// Every record of `bytes`, or the first syntax error.
    public static func records(_ bytes: [UInt8]) throws(SyntaxError) -> [Record] {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let n = bytes.count
        var line = 1
        var records: [Record] = []

        /// Consumes a line end at `i` (CRLF, LF or CR), if any.
        func skipLineEnd(_ i: inout Int, _ line: inout Int) {
            if i < n, bytes[i] == cr { i += 1; if i < n, bytes[i] == lf { i += 1 }; line += 1 }
            else if i < n, bytes[i] == lf { i += 1; line += 1 }
        }

        while i < n {
            let recordLine = line
            var fields: [Field] = []
            while true {
                let fieldLine = line
                var value: [UInt8] = []
                var quoted = false
                if i < n, bytes[i] == quote {
                    quoted = true
                    i += 1
                    var closed = false
                    while i < n {
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < n, bytes[i + 1] == quote { value.append(quote); i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if b == lf || (b == cr && !(i + 1 < n && bytes[i + 1] == lf)) { line += 1 }
                        value.append(b)
                        i += 1
                    }
                    guard closed else {
                        throw SyntaxError(line: fieldLine, column: fields.count + 1, message: "a quoted field is never closed")
                    }
                    if i < n, bytes[i] != comma, bytes[i] != cr, bytes[i] != lf {
                        throw SyntaxError(line: line, column: fields.count + 1,
                                          message: "text after the closing quote of a quoted field")
                    }
                } else {
                    while i < n, bytes[i] != comma, bytes[i] != cr, bytes[i] != lf {
                        if bytes[i] == quote {
                            throw SyntaxError(line: line, column: fields.count + 1,
                                              message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                        }
                        value.append(bytes[i])
                        i += 1
                    }
                }
                fields.append(Field(value: String(decoding: value, as: UTF8.self), line: fieldLine, quoted: quoted))
                if i < n, bytes[i] == comma {
                    i += 1
                    continue
                }
                skipLineEnd(&i, &line)
                break
            }
            let blank = fields.count == 1 && fields[0].value.isEmpty && !fields[0].quoted
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
        }
        return records
    }
}
