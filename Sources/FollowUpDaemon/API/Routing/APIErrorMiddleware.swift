import FollowUpCore
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1

/// Turns everything a request can throw into an ``APIError`` response, so every
/// answer is JSON (but on `/dashboard`, where a person in a browser reads it:
/// there it is an HTML page, ``DashboardErrorPage``): the router's "no route" becomes 404 or 405 (with `Allow`),
/// a body over the limit 413, and anything unexpected a logged 500 that says
/// nothing about internals.
///
/// It is the outermost middleware, so it also renders the authentication
/// middleware's 401.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [APIRoute]
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPParserError {
            // The body was malformed (cut short, a bad chunk): the connection cannot be
            // reused, so hand the error back to Hummingbird, which answers and closes;
            // MalformedRequestAnswer gives that answer its JSON body.
            throw error
        } catch {
            let answer = render(error, for: request)
            if request.uri.path == "/dashboard" {
                let token = request.uri.queryParameters["token"].map(String.init)
                return DashboardErrorPage(error: answer, token: token).response
            }
            return answer.response
        }
    }

    /// The API error for `error` thrown while answering `request`.
    func render(_ error: any Error, for request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as EventBatchError:
            return APIError(error.error, index: error.index)
        case let error as Diagnostic:
            return APIError(error, index: nil)
        case is NIOTooManyBytesError:
            return APIError(status: .contentTooLarge, message: "request body too large")
        case let error as HTTPError where error.status == .notFound:
            // Hummingbird's router found no handler for this method and path.
            let path = request.uri.path[...]
            let allowed = routes.methods(allowedOn: path)
            guard allowed.isEmpty else {
                var headers = HTTPFields()
                headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                return APIError(status: .methodNotAllowed,
                                message: "method \(request.method.rawValue) not allowed on \(path) (allowed: \(headers[.allow]!))",
                                headers: headers)
            }
            return APIError(status: .notFound, message: "no such endpoint: \(request.method.rawValue) \(path)")
        case let error as any HTTPResponseError:
            return APIError(status: error.status, message: error.status.reasonPhrase)
        default:
            // Storage failures and bugs: the client gets a stable message, the journal the detail.
            logger.error("request failed", metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "error": .string(String(describing: error)),
            ])
            return APIError(status: .internalServerError, message: "internal error (see the daemon's log)")
        }
    }
}
