import Foundation

/// A shift as one line of a schedule: when in the viewer's zone, who, and when in its
/// region's own zone. `baton schedule` and the rotation screen print the same lines.
public enum ShiftText {
    public static func header(viewerZone: TimeZone) -> String {
        pad("SHIFT (\(viewerZone.identifier))", 36) + pad("REGION", 10) + pad("ENGINEER", 10) + pad("", 10) + "LOCAL"
    }

    public static func line(_ shift: Shift, region: Region?, viewerZone: TimeZone) -> String {
        let zone = region?.timeZone ?? viewerZone
        let viewer = CalendarText.dayAndTime(shift.start, in: viewerZone) + " – " + CalendarText.dayAndTime(shift.end, in: viewerZone)
        let local = CalendarText.clock(shift.start, in: zone) + "–" + CalendarText.clock(shift.end, in: zone) + " " + zone.identifier
        return pad(viewer, 36) + pad(region?.name ?? shift.region, 10) + pad(shift.engineer ?? "nobody", 10)
            + pad(shift.isOverride ? "override" : "", 10) + local
    }

    /// "no one holds point Tue 24 Nov 01:00 – Tue 24 Nov 06:00 (Etc/UTC, 5h)".
    public static func gap(_ gap: DateInterval, viewerZone: TimeZone) -> String {
        "no one holds point " + CalendarText.dayAndTime(gap.start, in: viewerZone) + " – " + CalendarText.dayAndTime(gap.end, in: viewerZone)
            + " (\(viewerZone.identifier), \(DurationText.compact(Int64(gap.duration))))"
    }

    /// The safe text in a column `width` wide, a space included to part it from the next.
    public static func pad(_ text: String, _ width: Int) -> String { TerminalText.fit(text, to: width - 1) + " " }
}
