import ArgumentParser

/// The notification (and optionally the one receiver's row) that
/// `outbox retry` and `outbox drop` act on.
struct OutboxRowOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The notification id (LEAD:KIND:STEP:N).", valueName: "id"))
    var id: String

    @Option(name: .long, help: ArgumentHelp("Only this receiver's row (default: every undelivered row of the id).",
                                            valueName: "name"))
    var receiver: String?

    /// `/v1/outbox/ID{suffix}[?receiver=NAME]`, escaped.
    func uri(suffix: String) -> String {
        "/v1/outbox/\(URIComponent.encode(id))\(suffix)" + (receiver.map { "?receiver=\(URIComponent.encode($0))" } ?? "")
    }
}
