import Foundation

/// The follow-the-sun rotation: which region, and which engineer, holds point when.
///
/// On each local date D in a region's days, it takes point at `takesPoint` in its zone and
/// holds it until any region next takes point, or until its `until` comes first (a gap).
/// The engineer is `roster[k mod n]`, k being whole rotation lengths from the anchor to D.
/// Overrides are applied here, in `shifts(from:to:)`, and every other answer (holder, next
/// shift, handoffs, gaps) is read from that list, so no view can disagree with another.
public struct Rotation: Equatable, Sendable {
    public var regions: [Region]
    public var settings: RotationSettings
    /// Later overrides win where two cover the same time.
    public var overrides: [Override]

    public init(regions: [Region], settings: RotationSettings, overrides: [Override] = []) {
        self.regions = regions
        self.settings = settings
        self.overrides = overrides
    }

    /// The shifts that overlap [from, to), in order, with overrides applied.
    public func shifts(from: Date, to: Date) -> [Shift] {
        let rostered = rosteredShifts(from: from, to: to)
        guard !overrides.isEmpty else { return rostered }
        return rostered.flatMap(applyingOverrides).filter { $0.end > from && $0.start < to }
    }

    /// Splits a shift where overrides replace its engineer.
    private func applyingOverrides(to shift: Shift) -> [Shift] {
        guard let engineer = shift.engineer else { return [shift] }
        let relevant = overrides.filter { $0.replaces == engineer && $0.overlaps(shift.start, shift.end) }
        guard !relevant.isEmpty else { return [shift] }
        var cuts = Set([shift.start, shift.end])
        for override in relevant {
            if override.start > shift.start { cuts.insert(override.start) }
            if override.end < shift.end { cuts.insert(override.end) }
        }
        let bounds = cuts.sorted()
        var pieces: [Shift] = []
        for (start, end) in zip(bounds, bounds.dropFirst()) {
            var piece = Shift(region: shift.region, engineer: engineer, start: start, end: end)
            if let cover = relevant.last(where: { $0.start <= start && end <= $0.end }) {
                piece.engineer = cover.engineer
                piece.isOverride = true
            }
            // Neighbours with the same engineer are one shift, however many overrides it took.
            if let last = pieces.last, last.engineer == piece.engineer, last.isOverride == piece.isOverride {
                pieces[pieces.count - 1].end = end
            } else {
                pieces.append(piece)
            }
        }
        return pieces
    }

    /// The shifts the roster alone gives, before overrides.
    private func rosteredShifts(from: Date, to: Date) -> [Shift] {
        guard !regions.isEmpty, from < to else { return [] }
        struct Start { var instant: Date; var region: Int; var date: LocalDate }
        var starts: [Start] = []
        for (index, region) in regions.enumerated() {
            // A week of margin on each side finds the shift in force at `from` and the next start after `to`.
            let first = LocalDate(from, in: region.timeZone).adding(days: -8)
            let last = LocalDate(to, in: region.timeZone).adding(days: 8)
            for day in first.dayNumber...last.dayNumber {
                let date = LocalDate(dayNumber: day)
                guard region.days.contains(date.isoWeekday) else { continue }
                starts.append(Start(instant: ZonedTime.instant(date, region.takesPoint, in: region.timeZone), region: index, date: date))
            }
        }
        starts.sort { ($0.instant, $0.region) < ($1.instant, $1.region) }
        var result: [Shift] = []
        for (position, start) in starts.enumerated() {
            let region = regions[start.region]
            // The next start in order, even at the same instant: when two regions take point at once,
            // the one listed later holds it and the other's shift is empty (dropped below), never both.
            var end = position + 1 < starts.count ? starts[position + 1].instant : .distantFuture
            if let until = region.until {
                var limit = ZonedTime.instant(start.date, until, in: region.timeZone)
                if limit <= start.instant { limit = ZonedTime.instant(start.date.adding(days: 1), until, in: region.timeZone) }
                end = min(end, limit)
            }
            guard end > start.instant, end > from, start.instant < to else { continue }
            result.append(Shift(region: region.id, engineer: engineer(of: region, on: start.date), start: start.instant, end: end))
        }
        return result
    }

    /// The shift holding point at `instant`, or nil in a gap.
    public func holder(at instant: Date) -> Shift? {
        shifts(from: instant, to: instant.addingTimeInterval(1)).first { $0.contains(instant) }
    }

    /// The first shift that starts after `instant`.
    public func nextShift(after instant: Date) -> Shift? {
        shifts(from: instant, to: instant.addingTimeInterval(14 * 86_400)).first { $0.start > instant }
    }

    /// The intervals within [from, to) in which nobody holds point.
    public func gaps(from: Date, to: Date) -> [DateInterval] {
        guard from < to else { return [] }
        var gaps: [DateInterval] = []
        var covered = from
        for shift in shifts(from: from, to: to) {
            if shift.start > covered { gaps.append(DateInterval(start: covered, end: shift.start)) }
            covered = max(covered, shift.end)
        }
        if covered < to { gaps.append(DateInterval(start: covered, end: to)) }
        return gaps
    }

    /// The gaps that overlap [from, to), each whole: a gap already open at `from` is reported
    /// from when point was last held (up to ten days back), and one still open at `to` until
    /// point is next taken (up to fourteen days on). What `schedule gaps` and `oncall` show:
    /// a gap that started at 01:00 is not one that "starts" at the window's midnight.
    public func wholeGaps(from: Date, to: Date) -> [DateInterval] {
        var gaps = self.gaps(from: from, to: to)
        guard !gaps.isEmpty else { return [] }
        if gaps[0].start == from,
           let before = shifts(from: from.addingTimeInterval(-10 * 86_400), to: from).last(where: { $0.end <= from }) {
            gaps[0] = DateInterval(start: before.end, end: gaps[0].end)
        }
        let last = gaps.count - 1
        if gaps[last].end == to, let after = nextShift(after: to.addingTimeInterval(-1)), after.start >= to {
            gaps[last] = DateInterval(start: gaps[last].start, end: after.start)
        }
        return gaps
    }

    /// The handoffs in (from, to]: each shift start whose engineer differs from the one who
    /// held point last, even when a gap lies between them.
    public func handoffs(from: Date, to: Date) -> [Handoff] {
        // Look back far enough to find who held point last before `from`, across a long weekend.
        let all = shifts(from: from.addingTimeInterval(-10 * 86_400), to: to.addingTimeInterval(1))
        var result: [Handoff] = []
        for (index, shift) in all.enumerated() where shift.start > from && shift.start <= to {
            let previous = index > 0 ? all[index - 1] : nil
            guard previous?.engineer != shift.engineer else { continue }
            result.append(Handoff(at: shift.start, outgoing: previous, incoming: shift))
        }
        return result
    }

    /// The first handoff after `instant`, looking up to five weeks ahead.
    public func nextHandoff(after instant: Date) -> Handoff? {
        var from = instant
        for _ in 0..<5 {
            let to = from.addingTimeInterval(7 * 86_400)
            if let first = handoffs(from: from, to: to).first { return first }
            from = to
        }
        return nil
    }

    /// The rostered engineer for a region's shift that starts on local date `date`.
    public func engineer(of region: Region, on date: LocalDate) -> String? {
        guard !region.roster.isEmpty else { return nil }
        let length = max(1, settings.lengthDays)
        let elapsed = date.dayNumber - settings.anchor.dayNumber
        let k = elapsed >= 0 ? elapsed / length : -((-elapsed + length - 1) / length)
        let n = region.roster.count
        return region.roster[((k % n) + n) % n]
    }
}
