import ArgumentParser
import FollowUpCore
import FollowUpWire

/// `--output table|json`, shared by every daemon command that prints: `table`
/// is for people, `json` is the daemon's answer as is, for scripts and `jq`.
struct OutputOptions: ParsableArguments {
    /// How a command prints what the daemon answered.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @Option(name: .long, help: ArgumentHelp("table (for people) or json (the daemon's answer as is).", valueName: "table|json"))
    var output: Format = .table

    /// The spelling before `--output` existed, kept so scripts keep working.
    /// For the list commands that follow pages (`leads`, `outbox list`) it
    /// still means one JSON object per line.
    @Flag(name: .long, help: ArgumentHelp("Older spelling of --output json; leads and outbox list print one object per line.",
                                          visibility: .hidden))
    var json = false

    /// Whether to print JSON rather than a table.
    var isJSON: Bool { json || output == .json }

    /// Whether a list command prints one JSON object per line (`--json`) instead of one document.
    var isJSONLines: Bool { json && output != .json }

    /// Prints `reply` as is for `json`, else the lines `table` makes of it read as `Body`.
    func print<Body: WireBody>(_ reply: JSONValue, as body: Body.Type, table: (Body) -> [String]) throws(CtlError) {
        if isJSON { return print(reply, table: { _ in [] }) }
        let lines = table(try Body(answer: reply))
        print(reply, table: { _ in lines })
    }

    /// Prints `reply` as is for `json`, else the lines `table` makes of it.
    func print(_ reply: JSONValue, table: (JSONValue) -> [String]) {
        var out = StandardOutput()
        if isJSON {
            out.line(reply.jsonText)
        } else {
            for line in table(reply) { out.line(line) }
        }
        out.flush()
    }
}
