import BatonConfig
import BatonCore
import Foundation

/// The rotation screen: the next days as a timeline, one bar row per region with its
/// engineers, hours in the viewer's zone and in each region's, "now" marked, gaps in the
/// warning color; below it the shifts as a list.
enum RotationView {
    static let labelWidth = 12

    /// Header, title, rule, now, days, your hours; two rows a region (its bar, its hours);
    /// gaps and a rule. On a short screen a region keeps only its bar, so that the list
    /// below still shows shifts, not only its heading (60x15 with two regions).
    static func timelineRows(_ rotation: RotationScreenState, height: Int) -> Int {
        6 + (showsRegionHours(rotation, height: height) ? 2 : 1) * rotation.regions.count + 2
    }

    /// Whether there is room for each region's hours with the list's heading and two shifts below.
    static func showsRegionHours(_ rotation: RotationScreenState, height: Int) -> Bool {
        height - (6 + 2 * rotation.regions.count + 2) - 2 >= 3
    }

    static func listRows(_ rotation: RotationScreenState, height: Int) -> Int {
        max(1, height - timelineRows(rotation, height: height) - 2)
    }

    /// The list below the timeline: unusual distances first, then shifts and gaps in time order.
    static func listLines(_ rotation: RotationScreenState, zone: TimeZone) -> [(text: String, role: ThemeRole)] {
        var lines: [(String, ThemeRole)] = rotation.distances.map { ($0.sentence, .gap) }
        lines.append((ShiftText.header(viewerZone: zone), .columnHeader))
        var entries: [(Date, String, ThemeRole)] = rotation.shifts.map { shift in
            let region = rotation.regions.first { $0.id == shift.region }
            return (shift.start, ShiftText.line(shift, region: region, viewerZone: zone), shift.isOverride ? .override : .normal)
        }
        entries += rotation.gaps.map { ($0.start, ShiftText.gap($0, viewerZone: zone), .gap) }
        lines += entries.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        return lines
    }

    static func draw(_ state: AppState, rotation: RotationScreenState, theme: Theme, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        let zone = state.zone
        var title = theme[.normal]
        title.bold = true
        grid.put(" Rotation · \(rotation.days) days from \(CalendarText.dayAndTime(rotation.from, in: zone).dropLast(6)) · your time \(zone.identifier)",
                 x: 0, y: 1, style: title)
        FooterView.rule(y: 2, theme: theme, into: &grid)
        let timeline = Timeline(rotation: rotation, width: grid.width)
        var y = 3
        if let column = timeline.column(of: state.now) {
            grid.put("▼ now " + CalendarText.clock(state.now, in: zone), x: timeline.x(column), y: y, style: theme[.notice])
        }
        y += 1
        for day in 0..<rotation.days {
            let start = ZonedTime.instant(LocalDate(rotation.from, in: zone).adding(days: day), LocalTime(hour: 0, minute: 0), in: zone)
            if let column = timeline.column(of: start) {
                // "Mon 23", or "Mon" when a day is narrower than that, so labels never run together.
                let label = String(CalendarText.dayAndTime(start, in: zone).dropLast(10))
                grid.put(timeline.dayWidth > label.count ? label : String(label.prefix(max(1, min(3, timeline.dayWidth - 1)))),
                         x: timeline.x(column), y: y, maxWidth: timeline.dayWidth, style: theme[.columnHeader])
            }
        }
        y += 1
        let ticks = timeline.ticks(zone: zone)
        grid.put("you " + city(zone), x: 1, y: y, maxWidth: labelWidth - 2, style: theme[.muted])
        drawTicks(ticks, zone: zone, timeline: timeline, y: y, style: theme[.muted], into: &grid)
        y += 1
        let regionHours = showsRegionHours(rotation, height: grid.height)
        for region in rotation.regions {
            grid.put(region.name, x: 1, y: y, maxWidth: labelWidth - 2, style: theme[.normal])
            drawBars(rotation.shifts.filter { $0.region == region.id }, timeline: timeline, y: y, theme: theme, into: &grid)
            y += 1
            guard regionHours else { continue }
            grid.put(city(region.timeZone), x: 1, y: y, maxWidth: labelWidth - 2, style: theme[.muted])
            drawTicks(ticks, zone: region.timeZone, timeline: timeline, y: y, style: theme[.muted], into: &grid)
            y += 1
        }
        grid.put("gaps", x: 1, y: y, style: rotation.gaps.isEmpty ? theme[.muted] : theme[.gap])
        for column in 0..<timeline.columns where rotation.gaps.contains(where: { $0.start <= timeline.middle(column) && timeline.middle(column) < $0.end }) {
            grid.put("░", x: timeline.x(column), y: y, style: theme[.gap])
        }
        y += 1
        FooterView.rule(y: y, theme: theme, into: &grid)
        y += 1
        let lines = listLines(rotation, zone: zone)
        let rows = listRows(rotation, height: grid.height)
        for (offset, line) in lines.dropFirst(rotation.scroll).prefix(rows).enumerated() {
            grid.put(line.text, x: 1, y: y + offset, maxWidth: grid.width - 2, style: theme[line.role])
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        let end = min(lines.count, rotation.scroll + rows)
        FooterView.draw(state, theme: theme, position: "\(end)/\(lines.count)", into: &grid)
    }

    /// Each shift as a bar over its columns, with the engineer's name where it fits.
    static func drawBars(_ shifts: [Shift], timeline: Timeline, y: Int, theme: Theme, into grid: inout ScreenGrid) {
        for shift in shifts {
            let style = theme[shift.isOverride ? .override : .shift]
            let columns = (0..<timeline.columns).filter { shift.contains(timeline.middle($0)) }
            guard let first = columns.first, let last = columns.last else { continue }
            grid.fill(y: y, x: timeline.x(first), count: last - first + 1, style: style)
            // The mark first, so a short override keeps it when the name is cut.
            let name = (shift.isOverride ? "*" : "") + (shift.engineer ?? "nobody")
            grid.put(name, x: timeline.x(first), y: y, maxWidth: last - first + 1, style: style)
        }
    }

    /// The hour, in `zone`, at each of the viewer's tick instants: both clocks line up.
    static func drawTicks(_ ticks: [Date], zone: TimeZone, timeline: Timeline, y: Int, style: Style, into grid: inout ScreenGrid) {
        var free = 0
        for tick in ticks {
            guard let column = timeline.column(of: tick) else { continue }
            let clock = CalendarText.clock(tick, in: zone)
            let text = clock.hasSuffix(":00") ? String(clock.prefix(2)) : clock
            let x = timeline.x(column)
            guard x >= free else { continue }
            free = x + grid.put(text, x: x, y: y, style: style) + 1
        }
    }

    /// "Berlin" for Europe/Berlin, "New York" for America/New_York.
    static func city(_ zone: TimeZone) -> String {
        (zone.identifier.split(separator: "/").last.map(String.init) ?? zone.identifier).replacingOccurrences(of: "_", with: " ")
    }

    /// Maps instants to columns: the days share the width evenly, each column the same length of time.
    struct Timeline {
        var from: Date
        var to: Date
        var dayWidth: Int
        var columns: Int
        var days: Int

        init(rotation: RotationScreenState, width: Int) {
            from = rotation.from
            to = rotation.to
            days = rotation.days
            dayWidth = max(2, (width - RotationView.labelWidth - 1) / max(1, rotation.days))
            columns = dayWidth * days
        }

        var slot: TimeInterval { to.timeIntervalSince(from) / Double(columns) }
        func x(_ column: Int) -> Int { RotationView.labelWidth + column }
        func middle(_ column: Int) -> Date { from.addingTimeInterval((Double(column) + 0.5) * slot) }

        func column(of instant: Date) -> Int? {
            guard instant >= from, instant < to else { return nil }
            return min(columns - 1, Int(instant.timeIntervalSince(from) / slot))
        }

        /// Instants of every 6, 12 or 24 viewer hours, as many as the width allows.
        func ticks(zone: TimeZone) -> [Date] {
            let step = dayWidth >= 16 ? 6 : dayWidth >= 8 ? 12 : 24
            let first = LocalDate(from, in: zone)
            return (0..<days).flatMap { day in
                stride(from: 0, to: 24, by: step).map { ZonedTime.instant(first.adding(days: day), LocalTime(hour: $0, minute: 0), in: zone) }
            }
        }
    }
}
