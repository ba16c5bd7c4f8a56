
/// A labelled count in a report's distribution (`speed_to_lead`, `touches_per_lead`, `breaches_by_rep`).
public struct ReportBucketBody: WireBody, Codable {
    public var label: String
    public var count: Int

    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}
