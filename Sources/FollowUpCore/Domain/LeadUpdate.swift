/// `lead.updated`: the profile fields a CRM corrects or completes.
///
/// Only the fields named change; `owner`, `score` and `priority` are not
/// profile data here (a manager reassigns, activities score) and are refused.
public struct LeadUpdate: Hashable, Sendable {
    public var lead: LeadID
    /// The fields as a capture would carry them; nil ones are not named.
    public var name: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var title: String?
    public var companySize: Int?
    public var need: String?
    public var stage: String?
    public var timezone: String?
    public var source: String?
    /// Any other field, kept as an attribute (routing can match string attributes).
    public var attributes: [String: JSONValue]

    public init(lead: LeadID, name: String? = nil, email: String? = nil, phone: String? = nil, company: String? = nil,
                title: String? = nil, companySize: Int? = nil, need: String? = nil, stage: String? = nil,
                timezone: String? = nil, source: String? = nil, attributes: [String: JSONValue] = [:]) {
        self.lead = lead
        self.name = name
        self.email = email
        self.phone = phone
        self.company = company
        self.title = title
        self.companySize = companySize
        self.need = need
        self.stage = stage
        self.timezone = timezone
        self.source = source
        self.attributes = attributes
    }

    /// `profile` with the named fields replaced.
    public func applied(to profile: LeadProfile) -> LeadProfile {
        var p = profile
        if let name { p.name = name }
        if let email { p.email = email }
        if let phone { p.phone = phone }
        if let company { p.company = company }
        if let title { p.title = title }
        if let companySize { p.companySize = companySize }
        if let need { p.need = need }
        if let stage { p.stage = stage }
        if let timezone { p.timezone = timezone }
        if let source { p.source = source }
        for (key, value) in attributes { p.attributes[key] = value }
        return p
    }
}
