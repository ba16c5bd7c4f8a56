public import FollowUpCore
import FollowUpFormats
public import FollowUpWire
public import Foundation

extension APIClient {
    /// What came back: status, headers (names in lower case), the body as
    /// text, and the body parsed as JSON when it is JSON.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
        /// The body as the core's JSON value; nil when the body is not JSON.
        public var document: JSONValue?

        /// The body as a Foundation JSON object (empty when it is not one).
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        /// The value of a header, whatever the case of `name`.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The body read as the API's shared type for it (``WireBody``), as
        /// followupctl reads it; throws naming the member that does not read.
        public func body<Body: WireBody>(_ type: Body.Type) throws -> Body {
            guard let document else { throw Failure(description: "the body is not JSON: \(body.prefix(200))") }
            return try Body(json: document)
        }

        /// `reply["error"]?["field"]` and the like.
        public subscript(_ key: String) -> JSONValue? { document?[key] }
        public var error: JSONValue? { document?["error"] }

        /// Reads a whole response as the server wrote it (chunked bodies joined).
        public init(parsing data: Data) throws {
            guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
                throw Failure(description: "no HTTP header in \(data.count) bytes")
            }
            let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            guard let statusLine = head.first, statusLine.count >= 12, let status = Int(statusLine.split(separator: " ")[1]) else {
                throw Failure(description: "bad status line")
            }
            var headers: [String: String] = [:]
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            var body = Data(data[split.upperBound...])
            if headers["transfer-encoding"]?.lowercased() == "chunked" { body = Self.dechunk(body) }
            self.status = status
            self.headers = headers
            self.body = String(decoding: body, as: UTF8.self)
            self.document = try? JSONParser.parse(self.body)
        }

        /// Whether `data` holds a whole response (headers and `Content-Length` bytes of body).
        static func isComplete(_ data: Data) -> Bool {
            guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return false }
            let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).lowercased()
            guard let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                  let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
            else { return false }  // chunked or unknown: read until the server closes
            return data.count - split.upperBound >= length
        }

        static func dechunk(_ data: Data) -> Data {
            var out = Data()
            var rest = data[...]
            while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
                let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";")[0], radix: 16), size > 0 else { break }
                let start = lineEnd.upperBound
                out.append(rest[start..<(start + size)])
                rest = rest[(start + size + 2)...]
            }
            return out
        }
    }
}
