/// A body's member names on the wire are its Swift property names in
/// snake case (`leadsInCadence` → `leads_in_cadence`, `speedToLeadP90Seconds`
/// → `speed_to_lead_p90_seconds`), so each name is spelled once, as the
/// property; a body whose readers pick members by name gives its
/// `CodingKeys` the wire names, which this leaves as they are.
enum WireMemberName {
    static func of(_ key: any CodingKey) -> String {
        var name = ""
        for character in key.stringValue {
            if character.isUppercase {
                name.append("_")
                name.append(contentsOf: character.lowercased())
            } else {
                name.append(character)
            }
        }
        return name
    }
}
