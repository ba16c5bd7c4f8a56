import Hummingbird

/// Refuses a query that names one parameter twice (`?limit=2&limit=x`) with a
/// 400 naming it. The endpoints read the first value, so the second would be
/// dropped without a word — the same silent surprise as a misspelt parameter,
/// which they refuse too. No endpoint takes a list through repetition.
struct RepeatedParameterMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var seen: Set<Substring> = []
        for (name, _) in request.uri.queryParameters where !seen.insert(name).inserted {
            throw APIError(status: .badRequest, message: "query parameter given more than once", field: String(name))
        }
        return try await next(request, context)
    }
}
