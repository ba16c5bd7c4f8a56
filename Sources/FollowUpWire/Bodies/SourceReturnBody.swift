import FollowUpCore

/// One source in `GET /v1/report`'s `sources`: conversion, and the money —
/// revenue from won deals (`won_with_value` of them had a value), the cost over
/// the period, cost per lead and per win, and ROI as a fraction (`1.5` is 150 %);
/// null where the config gives no cost or nothing divides.
public struct SourceReturnBody: WireBody, Codable {
    public var source: String
    public var leads: Int
    public var won: Int
    public var lost: Int
    @NumberText public var conversionPercent: String?
    @NumberText public var revenue: String
    public var wonWithValue: Int
    @NumberText public var cost: String?
    @NumberText public var costPerLead: String?
    @NumberText public var costPerWin: String?
    @NumberText public var roi: String?

    public init(source: String, leads: Int, won: Int, lost: Int, conversionPercent: String?, revenue: String,
                wonWithValue: Int, cost: String?, costPerLead: String?, costPerWin: String?, roi: String?) {
        self.source = source
        self.leads = leads
        self.won = won
        self.lost = lost
        self.conversionPercent = conversionPercent
        self.revenue = revenue
        self.wonWithValue = wonWithValue
        self.cost = cost
        self.costPerLead = costPerLead
        self.costPerWin = costPerWin
        self.roi = roi
    }

    /// The members by their names on the wire, in the order written (for tables and CSV headers);
    /// the body coder writes and reads them by these names.
    public typealias CodingKeys = Member

    /// The members by their names on the wire, in the order written (for tables and CSV headers).
    public enum Member: String, CaseIterable, Sendable, CodingKey {
        case source
        case leads
        case won
        case lost
        case conversionPercent = "conversion_percent"
        case revenue
        case wonWithValue = "won_with_value"
        case cost
        case costPerLead = "cost_per_lead"
        case costPerWin = "cost_per_win"
        case roi
    }

    /// Member `member` as it is written (a number's digits, a string's text); nil for `null`.
    public func text(_ member: Member) -> String? { writtenText(of: member.rawValue) }
}
