import FollowUpCore
import FollowUpFormats
import Hummingbird
import HTTPTypes

extension APIEndpoints {
    /// `GET /healthz`: 200 `{"status":"ok",…}` when the daemon is ready, 503 otherwise.
    /// Cheap on purpose (no store read): probes call it often.
    func healthz(_ request: Request) async throws -> Response {
        let snapshot = await health.snapshot()
        return JSONResponse.object(status: snapshot.ready ? .ok : .serviceUnavailable) { w in
            snapshot.writeAPIMembers(to: &w)
        }
    }

    /// `GET /healthz` on TCP without a token: `{"status":"ok","ready":true}` (200)
    /// or `{"status":"unavailable","ready":false}` (503) and nothing more — no
    /// rules version, no reload message that may name files, no clock.
    func probe() async -> Response {
        let ready = await health.snapshot().ready
        return JSONResponse.object(status: ready ? .ok : .serviceUnavailable) { w in
            w.string("status", ready ? "ok" : "unavailable")
            w.bool("ready", ready)
        }
    }

    /// `GET /v1/status`: the health snapshot and the store's counts, for `followupctl status`.
    func status(_ request: Request) async throws -> Response {
        let snapshot = await health.snapshot()
        let statistics = try await queries.statistics()
        return JSONResponse.object { w in
            snapshot.writeAPIMembers(to: &w)
            statistics.writeAPIJSON(to: &w, key: "statistics")
        }
    }

    /// `GET /metrics`: Prometheus text exposition format.
    func metrics(_ request: Request) async throws -> Response {
        let text = await health.metricsText()
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
