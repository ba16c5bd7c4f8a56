/// A body's member names on the wire are its Swift property names in
/// snake case (`leadsInCadence` → `leads_in_cadence`, `speedToLeadP90Seconds`
/// → `speed_to_lead_p90_seconds`), so each name is spelled once, as the
/// property; a body whose readers pick members by name gives its
/// `CodingKeys` the wire names, which this leaves as they are.
enum WireMemberName {
    static func of(_ key: any CodingKey) -> String {
        let property = key.stringValue
        // Every member of every body, every time one is written or read: `POST /v1/events`
        // answers one object per event (issue 16: 2.6 % of the daemon's CPU in
        // `scripts/bench notify` went to `Character.isUppercase` here). Property names are
        // ASCII: a name with no capital is already its wire name, one with capitals is
        // rewritten byte by byte; anything else takes the Unicode path.
        var capitals = 0
        for byte in property.utf8 {
            if byte >= 0x80 { return unicode(property) }
            if byte >= 0x41 && byte <= 0x5A { capitals += 1 }
        }
        guard capitals > 0 else { return property }
        return String(unsafeUninitializedCapacity: property.utf8.count + capitals) { name in
            var end = 0
            for byte in property.utf8 {
                if byte >= 0x41 && byte <= 0x5A {
                    name[end] = UInt8(ascii: "_")
                    name[end + 1] = byte + 0x20
                    end += 2
                } else {
                    name[end] = byte
                    end += 1
                }
            }
            return end
        }
    }

    /// The same rule for a name outside ASCII: a capital letter is `_` and its lower case.
    private static func unicode(_ property: String) -> String {
        var name = ""
        for character in property {
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
