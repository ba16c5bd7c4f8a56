import FollowUpCore
public import FollowUpFormats

/// One source in `GET /v1/report`'s `sources`: conversion, and the money —
/// revenue from won deals (`won_with_value` of them had a value), the cost over
/// the period, cost per lead and per win, and ROI as a fraction (`1.5` is 150 %);
/// null where the config gives no cost or nothing divides.
public struct SourceReturnBody: WireBody {
    public var source: String
    public var leads: Int
    public var won: Int
    public var lost: Int
    public var conversionPercent: String?
    public var revenue: String
    public var wonWithValue: Int
    public var cost: String?
    public var costPerLead: String?
    public var costPerWin: String?
    public var roi: String?

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

    /// The members by their names on the wire, in the order written (for tables and CSV headers).
    public enum Member: String, CaseIterable, Sendable {
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
    public func text(_ member: Member) -> String? {
        switch member {
        case .source: source
        case .leads: "\(leads)"
        case .won: "\(won)"
        case .lost: "\(lost)"
        case .conversionPercent: conversionPercent
        case .revenue: revenue
        case .wonWithValue: "\(wonWithValue)"
        case .cost: cost
        case .costPerLead: costPerLead
        case .costPerWin: costPerWin
        case .roi: roi
        }
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string(Member.source.rawValue, source)
        w.int(Member.leads.rawValue, leads)
        w.int(Member.won.rawValue, won)
        w.int(Member.lost.rawValue, lost)
        w.value(Member.conversionPercent.rawValue, conversionPercent.map(JSONValue.number) ?? .null)
        w.value(Member.revenue.rawValue, .number(revenue))
        w.int(Member.wonWithValue.rawValue, wonWithValue)
        w.value(Member.cost.rawValue, cost.map(JSONValue.number) ?? .null)
        w.value(Member.costPerLead.rawValue, costPerLead.map(JSONValue.number) ?? .null)
        w.value(Member.costPerWin.rawValue, costPerWin.map(JSONValue.number) ?? .null)
        w.value(Member.roi.rawValue, roi.map(JSONValue.number) ?? .null)
    }

    public init(reading o: WireObject) throws(WireError) {
        source = try o.string(Member.source.rawValue)
        leads = try o.int(Member.leads.rawValue)
        won = try o.int(Member.won.rawValue)
        lost = try o.int(Member.lost.rawValue)
        conversionPercent = try o.nullableNumberText(Member.conversionPercent.rawValue)
        revenue = try o.numberText(Member.revenue.rawValue)
        wonWithValue = try o.int(Member.wonWithValue.rawValue)
        cost = try o.nullableNumberText(Member.cost.rawValue)
        costPerLead = try o.nullableNumberText(Member.costPerLead.rawValue)
        costPerWin = try o.nullableNumberText(Member.costPerWin.rawValue)
        roi = try o.nullableNumberText(Member.roi.rawValue)
    }
}
