import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Seeded random damage to valid requests (bytes flipped, cut, repeated;
/// framing headers inserted; versions and paths mangled), sent raw to the real
/// daemon: never a 5xx, every 4xx a JSON error with a body as long as its
/// `Content-Length` says, and the daemon serves a valid request afterwards.
@Suite(.serialized) struct HostileHTTPTests {
    static let requests = 2_000

    static let bodies = [
        #"{"type":"rep.upserted","rep":{"id":"r1","name":"R","team":"sales"}}"#,
        #"{"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"a@b.test"}}"#,
        #"[{"type":"lead.activity","lead":"L1","action":"pdf_download"}]"#,
        #"{"files":[{"path":"10-x.yaml","text":"fallback: x\n"}]}"#,
    ]
    static let targets = ["/v1/events", "/v1/leads/L1", "/v1/leads?limit=5", "/v1/reps", "/healthz", "/v1/report?by=rep",
                          "/v1/outbox?state=dead", "/dashboard", "/v1/reps/r1/calendar.ics", "/v1/rules/preview", "/metrics"]
    static let insertions = ["\r\n", "\u{0}", "%", "%zz", "\u{FF}", "Transfer-Encoding: chunked\r\n", "Content-Length: 99\r\n",
                             "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n", "?", "/..", "\"", "{",
                             "9223372036854775807", "\r\n\r\n", " ", ":"]

    struct Mutator {
        var random: SeededGenerator

        mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }

        mutating func request() -> [UInt8] {
            let target = HostileHTTPTests.targets[pick(HostileHTTPTests.targets.count)]
            let post = target == "/v1/events" || target == "/v1/rules/preview"
            let body = post ? HostileHTTPTests.bodies[pick(HostileHTTPTests.bodies.count)] : ""
            let text = "\(post ? "POST" : "GET") \(target) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            var bytes = Array(text.utf8)
            for _ in 0...pick(4) { mutate(&bytes) }
            return bytes
        }

        private mutating func mutate(_ b: inout [UInt8]) {
            let i = pick(b.count + 1)
            switch pick(6) {
            case 0 where !b.isEmpty && i < b.count: b[i] = UInt8(pick(256))
            case 1 where i < b.count: b.removeSubrange(i..<min(b.count, i + 1 + pick(8)))
            case 2: b.insert(contentsOf: Array(HostileHTTPTests.insertions[pick(HostileHTTPTests.insertions.count)].utf8), at: i)
            case 3: b.removeSubrange(i...)
            case 4 where !b.isEmpty:
                let from = pick(b.count)
                b.insert(contentsOf: b[from..<min(b.count, from + 1 + pick(30))], at: i)
            default:
                let text = String(decoding: b, as: UTF8.self)
                let version = ["HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "", "HTTP/0.9"][pick(5)]
                b = Array(text.replacing("HTTP/1.1", with: version, maxReplacements: 1).utf8)
            }
        }
    }

    @Test func damagedRequestsNeverGetA5xxOrAnEmptyError() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        #expect(try daemon.post("/v1/events", Self.bodies[0]).status == 200)
        var mutator = Mutator(random: SeededGenerator(seed: 0x4854_5450))
        var statuses: [Int: Int] = [:]
        for index in 0..<Self.requests {
            let request = mutator.request()
            // The sending side closes, as a client that gave up would: an incomplete request then ends.
            let raw = try APIClient(base: .unix(daemon.socket)).exchange(Data(request), closeWrite: true)
            let shown = "request \(index) \(String(decoding: request.prefix(120), as: UTF8.self).debugDescription)"
            guard !raw.isEmpty else { continue }  // nothing to answer (an empty request)
            let response = try APIClient.Reply(parsing: raw)
            statuses[response.status, default: 0] += 1
            #expect(response.status < 500, "\(shown) → \(String(decoding: raw.prefix(300), as: UTF8.self))")
            guard response.status >= 400 else { continue }
            // Only the first response: bytes after the request may have been answered too.
            let length = Int(response.headers["content-length"] ?? "") ?? -1
            let body = Data(response.body.utf8).prefix(max(length, 0))
            let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            // 422 is a rules preview's or reload's documented answer ({"valid":false,"problems":…}).
            #expect(length > 0 && ((json?["error"] as? [String: Any])?["message"] is String || (response.status == 422 && json != nil)),
                    "\(shown) → \(String(decoding: raw.prefix(300), as: UTF8.self))")
        }
        #expect(try daemon.get("/healthz").status == 200, "\(statuses) \(daemon.stderr)")
        #expect(statuses.keys.contains { $0 >= 400 } && statuses[200] != nil, "\(statuses)")
    }
}
