/// A duration as a person reads it: `250 ms`, `1.5 s`, `4 min 5 s`,
/// `2 h 3 min`, `5 d 22 h` (two units at most; `status` once printed
/// `512102.0856604576 s`).
public enum ReadableDuration {
    /// Two units at most, rounded to the smaller one.
    public static func text(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        if seconds < 0 { return "-" + text(seconds: -seconds) }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 {
            let tenths = (seconds * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
        }
        let whole = Int(seconds.rounded())
        let (days, hours, minutes, secs) = (whole / 86_400, whole % 86_400 / 3_600, whole % 3_600 / 60, whole % 60)
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return minutes > 0 ? "\(hours) h \(minutes) min" : "\(hours) h" }
        return secs > 0 ? "\(minutes) min \(secs) s" : "\(minutes) min"
    }
}
