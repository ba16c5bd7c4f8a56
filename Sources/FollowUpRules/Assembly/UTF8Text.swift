/// Decodes rule-file bytes as UTF-8, strictly: a file in Latin-1 or UTF-16 is
/// refused with the line and column of its first bad byte rather than read
/// with replacement characters that would then fail somewhere less obvious.
enum UTF8Text {
    /// Where decoding failed.
    struct Failure: Error {
        var line: Int
        var column: Int
        var byte: UInt8
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        // A byte-order mark is legal but not content; dropping it keeps columns right.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return .failure(Failure(line: line, column: column, byte: body[offset]))
            case .emptyInput:
                return .success(String(decoding: body, as: UTF8.self))
            }
        }
    }
}
