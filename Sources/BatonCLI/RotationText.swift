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

    /// One row of instants, one column per zone, after a label of up to 11 columns ("takes point").
    func row(_ label: String, _ instant: Date) -> String {
        ShiftText.pad(label, 12) + zones.map { ShiftText.pad(CalendarText.dayAndTime(instant, in: $0.zone), 22) }.joined()
    }

    var headerRow: String { ShiftText.pad("", 12) + zones.map { ShiftText.pad($0.label, 22) }.joined() }
}
