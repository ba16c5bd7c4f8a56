/// Who a lead is: what `lead.captured` says about the prospect.
///
/// Fields the core does not know are kept in ``attributes`` so nothing a CRM
/// sends is lost; templates and the API show them.
public struct LeadProfile: Hashable, Sendable {
    public var id: LeadID
    public var source: String
    public var name: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var title: String?
    public var companySize: Int?
    /// `new` or `current`.
    public var need: String?
    public var stage: String?
    /// IANA zone of the lead; call windows are read in it.
    public var timezone: String?
    /// The rep the CRM wants to own the lead; nil routes it by round robin.
    public var owner: RepID?
    /// The team to route to when there is no owner; nil asks the routing rules.
    public var team: String?
    /// Seeds the lead's score.
    public var score: Int?
    /// A priority name that overrides triage (must name a priority of the rules).
    public var priority: String?
    public var attributes: [String: JSONValue]

    public init(id: LeadID, source: String, name: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, title: String? = nil, companySize: Int? = nil, need: String? = nil,
                stage: String? = nil, timezone: String? = nil, owner: RepID? = nil, team: String? = nil,
                score: Int? = nil, priority: String? = nil, attributes: [String: JSONValue] = [:]) {
        self.id = id
        self.source = source
        self.name = name
        self.email = email
        self.phone = phone
        self.company = company
        self.title = title
        self.companySize = companySize
        self.need = need
        self.stage = stage
        self.timezone = timezone
        self.owner = owner
        self.team = team
        self.score = score
        self.priority = priority
        self.attributes = attributes
    }

    /// The value of a named field, known or an attribute, as text; nil when absent or empty.
    /// Triage's `missing:` condition reads fields through this.
    public func field(_ name: String) -> String? {
        let value: String?
        switch name {
        case "id": value = id
        case "source": value = source
        case "name": value = self.name
        case "email": value = email
        case "phone": value = phone
        case "company": value = company
        case "title": value = title
        case "company_size": value = companySize.map(String.init)
        case "need": value = need
        case "stage": value = stage
        case "timezone": value = timezone
        case "owner": value = owner
        case "team": value = team
        case "score": value = score.map(String.init)
        case "priority": value = priority
        default:
            switch attributes[name] {
            case .string(let s)?: value = s
            case .number(let n)?: value = n
            case .bool(let b)?: value = b ? "true" : "false"
            case .array(let a)? where !a.isEmpty: value = "[…]"
            case .object(let o)? where !o.isEmpty: value = "{…}"
            default: value = nil
            }
        }
        guard let value, !value.allSatisfy({ $0 == " " }) else { return nil }
        return value
    }

    /// The names of the fields the core knows; the rule validator checks `missing:` against them.
    public static let knownFields: Set<String> = [
        "id", "source", "name", "email", "phone", "company", "title", "company_size", "need",
        "stage", "timezone", "owner", "team", "score", "priority",
    ]
}
