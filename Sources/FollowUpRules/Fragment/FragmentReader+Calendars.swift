import FollowUpCore

/// `calendars:` — named business calendars: zone, weekly open hours, holidays.
extension FragmentReader {
    mutating func readCalendars(_ node: RuleNode) {
        fragment.calendars = readNamed(node, section: "calendars") { $0.readCalendar(name: $1, node: $2) }
    }

    private mutating func readCalendar(name: Located<String>, node: RuleNode) -> BusinessCalendar? {
        let context = "calendar \"\(name.value)\""
        guard let fields = reader.fields(of: node, context: context, allowed: ["timezone", "open", "holidays"],
                                         required: ["timezone", "open"], at: name.position)
        else { return nil }
        let zone = readZone(fields, "timezone")
        let hours = readOpenHours(fields, context: context)
        let holidays = readHolidays(fields) ?? []
        guard let zone, let hours else { return nil }
        guard hours.values.contains(where: { !$0.isEmpty }) else {
            reader.log.error("\(context) has no open hours at all: business time would never pass "
                             + "(add e.g. `- days: mon-fri` / `hours: 08:00-18:00` under `open`)", at: name.position)
            return nil
        }
        return BusinessCalendar(name: name.value, zone: zone, hours: hours, holidays: holidays)
    }

    /// `open:` — a list of `{days, hours}`; overlapping ranges on one day are refused
    /// because business time would count them twice.
    private mutating func readOpenHours(_ fields: RuleFields, context: String) -> [Weekday: [HourRange]]? {
        guard let items = reader.items(fields, "open") else { return nil }
        var slots: [(day: Weekday, range: Located<HourRange>)] = []
        var ok = true
        for (index, item) in items.enumerated() {
            guard let entry = reader.fields(of: item, context: "open hours #\(index + 1) of \(context)",
                                            allowed: ["days", "hours"], required: ["days", "hours"])
            else { ok = false; continue }
            let days = entry.has("days") ? readDays(entry) : nil
            let ranges = entry.has("hours") ? readHours(entry) : nil
            guard let days, let ranges else { ok = false; continue }
            for day in days { for range in ranges { slots.append((day, range)) } }
        }
        let errorsBefore = reader.log.errorCount
        reportOverlaps(slots, in: context)
        guard ok, reader.log.errorCount == errorsBefore else { return nil }
        return Dictionary(grouping: slots, by: \.day).mapValues { $0.map(\.range.value) }
    }

    /// `holidays:` — dates in the calendar's zone; a date listed twice is an error
    /// (usually a copy-paste that meant another day).
    private mutating func readHolidays(_ fields: RuleFields) -> Set<CivilDate>? {
        guard let items = reader.items(fields, "holidays") else { return nil }
        var seen: [CivilDate: SourcePlace] = [:]
        for item in items {
            guard let text = reader.text(item, what: "a holiday of \(fields.context)") else { continue }
            guard let date = CivilDate(parsing: Substring(text.value.strippingSpaces)) else {
                reader.log.error("invalid holiday \"\(text.value)\" in \(fields.context): expected a date YYYY-MM-DD, e.g. 2026-12-25",
                                 at: text.position)
                continue
            }
            guard InputBounds.holidayYears.contains(date.year) else {
                reader.log.error("holiday \(date) in \(fields.context) is outside the years "
                                 + "\(InputBounds.holidayYears.lowerBound)–\(InputBounds.holidayYears.upperBound)", at: text.position)
                continue
            }
            if let first = seen[date] {
                reader.log.error("holiday \(date) is listed twice in \(fields.context) "
                                 + "(first at \(first.shortDescription(relativeTo: text.position)))", at: text.position)
                continue
            }
            seen[date] = text.position
        }
        return Set(seen.keys)
    }
}
