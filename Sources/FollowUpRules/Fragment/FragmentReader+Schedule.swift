import Foundation
import FollowUpCore

/// Weekly schedules (calendar hours, call-window ranks) and time zones: the
/// pieces calendars and policies share.
extension FragmentReader {
    /// The days a `days:` value names (`mon-fri`, `wed, thu`, `[wed, thu]`),
    /// refusing a day listed twice.
    mutating func readDays(_ fields: RuleFields) -> [Weekday]? {
        guard let items = reader.textList(fields, "days") else { return nil }
        var days: [Weekday] = []
        var ok = !items.isEmpty
        if items.isEmpty {
            reader.log.error("\(fields.describe("days")) names no day; \(DayParser.example)",
                             at: fields.keyPosition("days") ?? fields.position)
        }
        for item in items {
            switch DayParser.parse(item.value) {
            case .success(let named):
                for day in named {
                    if days.contains(day) {
                        reader.log.error("\(day.shortName) is listed twice in \(fields.describe("days"))", at: item.position)
                        ok = false
                    } else {
                        days.append(day)
                    }
                }
            case .failure(let error):
                reader.log.error(error.message(in: fields.describe("days")), at: item.position)
                ok = false
            }
        }
        return ok ? days : nil
    }

    /// The ranges an `hours:` value lists (`08:00-18:00` or a list of them), each with its position.
    mutating func readHours(_ fields: RuleFields) -> [Located<HourRange>]? {
        guard let items = reader.textList(fields, "hours") else { return nil }
        if items.isEmpty {
            reader.log.error("\(fields.describe("hours")) lists no hours; \(HourRangeParser.example)",
                             at: fields.keyPosition("hours") ?? fields.position)
            return nil
        }
        var ranges: [Located<HourRange>] = []
        var ok = true
        for item in items {
            switch HourRangeParser.parse(item.value) {
            case .success(let range): ranges.append(Located(value: range, position: item.position))
            case .failure(let error):
                reader.log.error(error.message(in: fields.describe("hours")), at: item.position)
                ok = false
            }
        }
        return ok ? ranges : nil
    }

    /// Reports ranges that share a minute on the same day, once per pair of
    /// ranges (listing the days), at the later range. Adjacent ranges
    /// (`08:00-12:00`, `12:00-18:00`) do not overlap: ranges are half-open.
    mutating func reportOverlaps(_ slots: [(day: Weekday, range: Located<HourRange>)], in context: String) {
        var clashes: [(later: Located<HourRange>, earlier: Located<HourRange>, days: [Weekday])] = []
        for (index, slot) in slots.enumerated() {
            for earlier in slots[..<index] where earlier.day == slot.day && earlier.range.value.overlaps(slot.range.value) {
                if let k = clashes.firstIndex(where: { $0.later.position == slot.range.position && $0.earlier.position == earlier.range.position }) {
                    clashes[k].days.append(slot.day)
                } else {
                    clashes.append((slot.range, earlier.range, [slot.day]))
                }
            }
        }
        for clash in clashes {
            let days = clash.days.map(\.shortName).joined(separator: ", ")
            reader.log.error("hours \(clash.later.value) overlap \(clash.earlier.value) "
                             + "(at \(clash.earlier.position.shortDescription(relativeTo: clash.later.position))) "
                             + "on \(days) in \(context); merge them into one range", at: clash.later.position)
        }
    }

    /// The zone an IANA name denotes, with a suggestion for a misspelt one.
    mutating func readZone(_ fields: RuleFields, _ key: String) -> ZoneRules? {
        guard let name = reader.word(fields, key) else { return nil }
        if let zone = ZoneCatalog.shared.rules(for: name.value) { return zone }
        let hint = KeySuggestion.hint(for: name.value, among: TimeZone.knownTimeZoneIdentifiers)
        reader.log.error("unknown time zone \"\(name.value)\" in \(fields.describe(key)) "
                         + "(use an IANA name such as America/New_York or Europe/Paris)\(hint)", at: name.position)
        return nil
    }
}
