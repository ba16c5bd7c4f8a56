import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
import FollowUpTestSupport

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue { try JSONParser.parse(text) }

    func parse(bytes: [UInt8]) throws(JSONParser.Failure) -> JSONValue {
        let result: Result<JSONValue, JSONParser.Failure> = bytes.withUnsafeBufferPointer { b in
            do throws(JSONParser.Failure) { return .success(try JSONParser.parse(b)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    @Test func scalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("\"hi\"") == .string("hi"))
        #expect(try parse(" \t\r\n 42 \n") == .number("42"))
    }

    /// Numbers keep their text, so attributes come back out exactly as they went in.
    @Test(arguments: ["0", "-0", "42", "-1.5e3", "1E+5", "1e-5", "0.000", "123456789012345678901234567890", "3.14159"])
    func numbersKeepTheirText(_ text: String) throws {
        #expect(try parse(text) == .number(text))
        #expect(try parse("[\(text)]") == .array([.number(text)]))
    }

    @Test func containers() throws {
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("[ 1 , \"a\" , [ ] , { } ]") == .array([.number("1"), .string("a"), .array([]), .object([:])]))
        #expect(try parse("{\"a\":{\"b\":[null,true]}}") == .object(["a": .object(["b": .array([.null, .bool(true)])])]))
        #expect(try parse("{\"a\":1}")["a"] == .number("1"))
        #expect(try parse("[1]")["a"] == nil)
    }

    @Test func escapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""caf\u00e9""#) == .string("café"))
        #expect(try parse(#""caf\u00E9""#) == .string("café"))
        #expect(try parse(#""a\u0000b""#) == .string("a\u{0}b"))
        #expect(try parse("\"café ✓\"") == .string("café ✓"))
        #expect(try parse(#""mixed é and \n""#) == .string("mixed é and \n"))
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""x\uD834\uDD1Ey""#) == .string("x𝄞y"))
        #expect(try parse("\"😀\"") == .string("😀"))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String, message: String
        var testDescription: String { "\(text.debugDescription) → \(message)" }
    }

    static let invalid: [Bad] = [
        .init(text: "", message: "unexpected end of input"),
        .init(text: "   ", message: "unexpected end of input"),
        .init(text: "{", message: "expected a member name"),
        .init(text: "[1,]", message: "unexpected character ']'"),
        .init(text: "{\"a\":1,}", message: "expected a member name"),
        .init(text: "{a:1}", message: "expected a member name"),
        .init(text: "{\"a\" 1}", message: "expected ':'"),
        .init(text: "[1 2]", message: "expected ',' or ']'"),
        .init(text: "{\"a\":1 \"b\":2}", message: "expected ',' or '}'"),
        .init(text: "'a'", message: "unexpected character"),
        .init(text: "01", message: "unexpected text after the value"),
        .init(text: "1 2", message: "unexpected text after the value"),
        .init(text: "1.", message: "invalid number"),
        .init(text: ".5", message: "unexpected character"),
        .init(text: "-", message: "invalid number"),
        .init(text: "1e", message: "invalid number"),
        .init(text: "+1", message: "unexpected character"),
        .init(text: "NaN", message: "unexpected character"),
        .init(text: "tru", message: "unexpected end of input"),
        .init(text: "trUe", message: "invalid literal"),
        .init(text: "\"abc", message: "unterminated string"),
        .init(text: #""\x""#, message: "invalid escape"),
        .init(text: #""\u12""#, message: #"invalid \u escape"#),
        .init(text: #""\u12G4""#, message: #"invalid \u escape"#),
        .init(text: #""\uD800""#, message: "unpaired surrogate"),
        .init(text: #""\uDC00""#, message: "unpaired surrogate"),
        .init(text: #""\uD800\u0041""#, message: "unpaired surrogate"),
        .init(text: #""\uD800x""#, message: "unpaired surrogate"),
        .init(text: "\"a\nb\"", message: "control character"),
        .init(text: "\"a\tb\"", message: "control character"),
        .init(text: "{\"a\":1,\"a\":2}", message: "duplicate member \"a\""),
        .init(text: #"{"a":1,"\u0061":2}"#, message: "duplicate member \"a\""),
        .init(text: "{\"o\":{\"k\":1,\"k\":1}}", message: "duplicate member \"k\""),
    ]

    @Test(arguments: invalid)
    func rejects(_ bad: Bad) {
        #expect {
            try parse(bad.text)
        } throws: { error in
            "\(error)".contains(bad.message)
        }
    }

    @Test func errorsSayWhere() {
        do {
            _ = try parse("[1,]")
            Issue.record("accepted [1,]")
        } catch {
            #expect(error.offset == 3)
            #expect(error.description == "invalid JSON at column 4: unexpected character ']'")
        }
    }

    @Test func invalidUTF8IsRejected() throws {
        #expect(throws: JSONParser.Failure.self) { try parse(bytes: [0x22, 0x61, 0xFF, 0x22]) }  // "a\xFF"
        #expect(throws: JSONParser.Failure.self) { try parse(bytes: [0x22, 0x5C, 0x6E, 0xC3, 0x22]) }  // "\n\xC3" (slow path)
        #expect(throws: JSONParser.Failure.self) { try parse(bytes: [0xFF]) }
        #expect(try parse(bytes: [0x22, 0xC3, 0xA9, 0x22]) == .string("é"))
    }

    @Test func depthLimit() throws {
        let n = JSONParser.maxDepth
        #expect(n == 64)
        #expect(throws: Never.self) { try parse(String(repeating: "[", count: n) + String(repeating: "]", count: n)) }
        #expect(throws: Never.self) { try parse(String(repeating: "{\"a\":", count: n) + "1" + String(repeating: "}", count: n)) }
        for text in [
            String(repeating: "[", count: n + 1) + String(repeating: "]", count: n + 1),
            String(repeating: "{\"a\":", count: n + 1) + "1" + String(repeating: "}", count: n + 1),
            String(repeating: "[{\"a\":", count: (n + 2) / 2) + "1" + String(repeating: "}]", count: (n + 2) / 2),
        ] {
            #expect { try parse(text) } throws: { "\($0)".contains("nested too deeply") }
        }
        // Far too deep must fail cleanly, not overflow the stack.
        #expect(throws: JSONParser.Failure.self) { try parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func writerEscapesAndSortsMembers() {
        var w = JSONWriter()
        w.value(nil, .object(["b": .string("q\"\\\n\t\u{1}"), "a": .array([.number("1.50"), .null, .bool(false)])]))
        #expect(w.text == #"{"a":[1.50,null,false],"b":"q\"\\\n\t\u0001"}"#)
        #expect((try? parse(w.text)) == .object(["b": .string("q\"\\\n\t\u{1}"), "a": .array([.number("1.50"), .null, .bool(false)])]))
    }

    /// Integers are written digit by digit into the buffer (no `String` per
    /// number); the text must be `String(value)`'s at the extremes too.
    @Test(arguments: [0, 7, -7, 10, 99, -100, 1_234_567_890, Int.max, Int.min, Int.min + 1])
    func writerWritesIntegersAsSwiftDoes(_ value: Int) {
        var w = JSONWriter()
        w.beginArray()
        w.int(nil, value)
        w.int(nil, value)
        w.endArray()
        #expect(w.text == "[\(value),\(value)]")
        w.reset()
        w.beginObject()
        w.int("n", value)
        w.endObject()
        #expect(w.text == "{\"n\":\(value)}")
    }
}
