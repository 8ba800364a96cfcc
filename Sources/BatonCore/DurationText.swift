/// Durations written the way the screens show them.
public enum DurationText {
    /// "45s", "19m", "1h12m", "3d4h": the two largest units, for ages and countdowns.
    public static func compact(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" }
        if s < 86_400 {
            let minutes = (s % 3_600) / 60
            return minutes == 0 ? "\(s / 3_600)h" : "\(s / 3_600)h\(minutes)m"
        }
        let hours = (s % 86_400) / 3_600
        return hours == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d\(hours)h"
    }

    /// At most five columns, for the queue's AGE: "1h12m", then "22h" once minutes no
    /// longer fit, and "122d" once hours do not (an old import's threads are years old).
    public static func age(_ seconds: Int64) -> String {
        let text = compact(seconds)
        if text.count <= 5 { return text }
        let s = max(0, seconds)
        return s < 86_400 ? "\(s / 3_600)h" : "\(s / 86_400)d"
    }

    /// Time left before a deadline as "h:mm", "-h:mm" once past it, or days when far off.
    public static func countdown(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        // Round towards the deadline so that "0:00" means it is due this minute.
        let magnitude = seconds < 0 ? (-seconds + 59) / 60 * 60 : seconds
        if magnitude >= 100 * 3_600 { return sign + "\(magnitude / 86_400)d" }
        let hours = magnitude / 3_600
        let minutes = (magnitude % 3_600) / 60
        return sign + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }
}
