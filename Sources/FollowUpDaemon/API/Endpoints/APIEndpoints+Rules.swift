import FollowUpCore
import FollowUpFormats
import FollowUpWire
import HTTPTypes
import Hummingbird

extension APIEndpoints {
    /// The most leads a preview lists (all are counted).
    static let previewLimit = 10_000

    /// `POST /v1/rules/reload`: what SIGHUP does, answered with the outcome:
    /// 200 `{"ok":true,…}` when the new rules are in force, 422 with the
    /// problems (`FILE:LINE:COL: …`) when the old ones keep running; 429 with
    /// `Retry-After` while another runs or within a second of the last (``ReloadGate``).
    func reloadRules(_ request: Request) async throws -> Response {
        guard let rules else { throw APIError(status: .notFound, message: "this daemon cannot reload rules") }
        if let wait = reloadGate.enter() {
            let seconds = max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
            var headers = HTTPFields()
            headers[.retryAfter] = String(seconds)
            throw APIError(status: .tooManyRequests,
                           message: "a reload is running or has just run; try again in \(seconds) s", headers: headers)
        }
        defer { reloadGate.leave() }
        let result = await rules.reload()
        return JSONResponse.body(status: result.succeeded ? .ok : .unprocessableContent,
                                 ReloadBody(ok: result.succeeded, at: result.at, message: result.message))
    }

    /// `POST /v1/rules/preview?limit=N` with `{"files":[{"path":…,"text":…},…]}`:
    /// validates the rule files and lists the open leads whose due times,
    /// deadlines or nurture dates they would move. Changes nothing.
    func previewRules(_ request: Request) async throws -> Response {
        guard let rules else { throw APIError(status: .notFound, message: "this daemon cannot preview rules") }
        let limit = try request.uri.queryParameters["limit"].map { try LimitParameter.parse($0, max: Self.previewLimit) } ?? 100
        let body = try await request.body.collect(upTo: maxBodyBytes)
        let json: JSONValue
        do {
            json = try JSONParser.parse(String(buffer: body))
        } catch {
            throw APIError(status: .badRequest, message: "the body is not JSON: \(error)")
        }
        guard case .array(let files)? = json["files"] else {
            throw APIError(status: .badRequest, message: "expected {\"files\":[{\"path\":…,\"text\":…}]}", field: "files")
        }
        var sources: [(name: String, text: String)] = []
        for (index, file) in files.enumerated() {
            guard case .string(let path)? = file["path"] else {
                throw APIError(status: .badRequest, message: "expected a string", field: "files[\(index)].path")
            }
            guard case .string(let text)? = file["text"] else {
                throw APIError(status: .badRequest, message: "expected a string", field: "files[\(index)].text")
            }
            sources.append((path, text))
        }
        switch try await rules.preview(sources: sources, keep: limit) {
        case .invalid(let problems):
            return JSONResponse.object(status: .unprocessableContent) { w in
                w.bool("valid", false)
                w.beginArray("problems")
                for problem in problems { w.string(nil, problem) }
                w.endArray()
            }
        case .valid(let running, let candidate, let report):
            return JSONResponse.object { w in
                w.bool("valid", true)
                w.string("running_version", running)
                w.string("candidate_version", candidate)
                w.int("examined", report.examined)
                w.int("moved", report.movedCount)
                w.beginArray("leads")
                for moved in report.moved {
                    w.beginObject()
                    w.string("lead", moved.lead)
                    w.stringOrNull("owner", moved.owner)
                    Self.write(moved.before, as: "before", to: &w)
                    Self.write(moved.after, as: "after", to: &w)
                    w.endObject()
                }
                w.endArray()
            }
        }
    }

    private static func write(_ o: Obligations, as key: String, to w: inout JSONWriter) {
        w.beginObject(key)
        w.intOrNull("step", o.step)
        w.instantOrNull("due", o.due)
        w.instantOrNull("deadline", o.deadline)
        w.instantOrNull("nurture_at", o.nurtureAt)
        w.endObject()
    }
}
