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
    /// Forwarded by a standby (``LeaderForwarding/forwardedBy``), the files
    /// that standby recorded are put in force instead of this node's.
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
        // A standby that forwards a reload validated its own files and recorded them: those go in force.
        let result = if let node = request.headers[LeaderForwarding.forwardedBy] {
            await rules.reload(filesOf: node)
        } else {
            await rules.reload()
        }
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
        let files: [RuleFileBody]
        do throws(Diagnostic) {
            files = try RulesPreviewRequestBody(json: json).files
        } catch {
            // A file's member names itself (files[0].text: expected a string); the body's shape is shown whole.
            let message = error.field.hasPrefix("files[") ? error.message : "expected {\"files\":[{\"path\":…,\"text\":…}]}"
            throw APIError(status: .badRequest, message: message, field: error.field.hasPrefix("files[") ? error.field : "files")
        }
        switch try await rules.preview(sources: files.map { (name: $0.path, text: $0.text) }, keep: limit) {
        case .invalid(let problems):
            return JSONResponse.body(status: .unprocessableContent, InvalidRulesBody(valid: false, problems: problems))
        case .valid(let running, let candidate, let report):
            return JSONResponse.body(RulesPreviewBody(
                valid: true, runningVersion: running, candidateVersion: candidate, examined: report.examined,
                moved: report.movedCount, leads: report.moved.map { moved in
                    MovedLeadBody(lead: moved.lead, owner: moved.owner, before: ObligationsBody(moved.before),
                                  after: ObligationsBody(moved.after))
                }))
        }
    }
}

extension ObligationsBody {
    /// What a lead owes under one rule set.
    init(_ o: Obligations) {
        self.init(step: o.step, due: o.due, deadline: o.deadline, nurtureAt: o.nurtureAt)
    }
}
