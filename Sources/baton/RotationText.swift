import BatonCore
import Foundation

/// The rotation in plain text for the terminal: instants in each region's zone and the viewer's.
struct RotationText {
    var team: TeamConfig
    var viewerZone: TimeZone

    /// The zones worth showing: each region's, then the viewer's when it is not one of them.
    var zones: [(label: String, zone: TimeZone)] {
        var zones = team.regions.map { ($0.timeZone.identifier, $0.timeZone) }
        if !zones.contains(where: { $0.1.identifier == viewerZone.identifier }) {
            zones.append(("you (\(viewerZone.identifier))", viewerZone))
        }
        return zones
    }

    func who(_ shift: Shift?) -> String {
        guard let shift else { return "nobody" }
        let region = team.region(shift.region)?.name ?? shift.region
        let engineer = shift.engineer.map { id in team.engineer(id).map { "\($0.name) (\(id))" } ?? id } ?? "nobody (empty roster)"
        return "\(engineer), \(region)" + (shift.isOverride ? ", override" : "")
    }

    /// "Mon 23 Nov 07:00 Europe/Berlin" in the shift's own region's zone.
    func regionTime(_ instant: Date, of regionID: String) -> String {
        let zone = team.region(regionID)?.timeZone ?? viewerZone
        return CalendarText.dayAndTime(instant, in: zone) + " " + zone.identifier
    }

    /// One row of instants, one column per zone.
    func row(_ label: String, _ instant: Date) -> String {
        pad(label, 10) + zones.map { pad(CalendarText.dayAndTime(instant, in: $0.zone), 22) }.joined()
    }

    var headerRow: String { pad("", 10) + zones.map { pad($0.label, 22) }.joined() }

    /// A schedule line: the shift in the viewer's zone, then in its region's.
    func scheduleLine(_ shift: Shift) -> String {
        let region = team.region(shift.region)
        let zone = region?.timeZone ?? viewerZone
        let viewer = CalendarText.dayAndTime(shift.start, in: viewerZone) + " – " + CalendarText.dayAndTime(shift.end, in: viewerZone)
        let local = CalendarText.clock(shift.start, in: zone) + "–" + CalendarText.clock(shift.end, in: zone) + " " + zone.identifier
        return pad(viewer, 36) + pad(region?.name ?? shift.region, 10) + pad(shift.engineer ?? "nobody", 10)
            + pad(shift.isOverride ? "override" : "", 10) + local
    }

    var scheduleHeader: String {
        pad("SHIFT (\(viewerZone.identifier))", 36) + pad("REGION", 10) + pad("ENGINEER", 10) + pad("", 10) + "LOCAL"
    }

    func gapLine(_ gap: DateInterval) -> String {
        "no one holds point " + CalendarText.dayAndTime(gap.start, in: viewerZone) + " – " + CalendarText.dayAndTime(gap.end, in: viewerZone)
            + " (\(viewerZone.identifier), \(DurationText.compact(Int64(gap.duration))))"
    }

    private func pad(_ text: String, _ width: Int) -> String { TerminalText.fit(text, to: width - 1) + " " }
}
