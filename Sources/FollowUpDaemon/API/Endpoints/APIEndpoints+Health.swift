import FollowUpCore
import FollowUpFormats
import FollowUpWire
import HTTPTypes
import Hummingbird

extension APIEndpoints {
    /// `GET /healthz`: 200 `{"status":"ok",…}` when the daemon is ready, 503 otherwise.
    /// Cheap on purpose (no store read): probes call it often.
    func healthz(_ request: Request) async throws -> Response {
        let snapshot = await health.snapshot()
        return JSONResponse.body(status: snapshot.ready ? .ok : .serviceUnavailable, HealthBody(snapshot))
    }

    /// `GET /healthz` on TCP without a token: `{"status":"ok","ready":true}` (200)
    /// or `{"status":"unavailable","ready":false}` (503) and nothing more — no
    /// rules version, no reload message that may name files, no clock.
    func probe() async -> Response {
        let ready = await health.snapshot().ready
        return JSONResponse.body(status: ready ? .ok : .serviceUnavailable, ReadinessBody(ready: ready))
    }

    /// `GET /v1/status`: the health snapshot and the store's counts, for `followupctl status`.
    func status(_ request: Request) async throws -> Response {
        let snapshot = await health.snapshot()
        let statistics = try await queries.statistics()
        return JSONResponse.body(StatusBody(health: HealthBody(snapshot), statistics: StoreStatisticsBody(statistics),
                                            node: await health.node()))
    }

    /// `GET /metrics`: Prometheus text exposition format.
    func metrics(_ request: Request) async throws -> Response {
        let text = await health.metricsText()
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
