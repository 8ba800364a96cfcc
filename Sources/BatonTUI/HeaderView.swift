import BatonConfig
import BatonCore
import Foundation

/// The top row of every screen: the queue's counts and who holds point, with a countdown.
enum HeaderView {
    static func draw(_ state: AppState, theme: Theme, into grid: inout ScreenGrid) {
        let style = theme[.header]
        grid.fill(y: 0, style: style)
        let counts = state.counts
        // Who this screen acts as, the way a shell prompt says it: on a shared box several
        // engineers run baton side by side.
        let me = state.ownership.me
        // The view, when it is not the whole queue: "[mine]", as the number key named it.
        let viewName = state.queue.view == 0 || !state.views.indices.contains(state.queue.view) ? nil : "[\(state.views[state.queue.view].name)]"
        let view = viewName.map { " " + $0 } ?? ""
        var segments: [(String, Style)] = [(" \(me.map { $0 + "@" } ?? "")baton\(view) · \(counts.open) open · \(counts.unowned) unowned · ", style)]
        var breachStyle = style
        if counts.breaching > 0 {
            breachStyle = theme[.breaching]
            breachStyle.background = style.background
        }
        segments.append(("\(counts.breaching) breaching", breachStyle))
        if counts.atRisk > 0 {
            var riskStyle = theme[.dueSoon]
            riskStyle.background = style.background
            segments += [(" · ", style), ("\(counts.atRisk) at risk", riskStyle)]
        }
        segments += replySegments(state, theme: theme, base: style, after: segments, width: grid.width)
        var leftWidth = segments.reduce(0) { $0 + TerminalText.width($1.0) }
        // The longest form of the point text that fits beside the counts.
        // The store's server away (issue 16): the right side says so, in place of point.
        let forms = state.storeAway?.headerForms(now: state.now, zone: state.zone) ?? [PointForm.long, .medium, .short].map { pointText(state, form: $0) }
        var right = forms.first { leftWidth + TerminalText.width($0) + 2 <= grid.width } ?? forms[2]
        if leftWidth + TerminalText.width(right) + 2 > grid.width {
            // Narrow: still say who this screen acts as, first, since several run side by side.
            let who = [me, viewName].compactMap { $0 }.joined(separator: " ")
            segments = [((who.isEmpty ? " " : " \(who) · ") + "\(counts.open) open · \(counts.unowned) unowned · ", style), ("\(counts.breaching) !", breachStyle)]
            if counts.atRisk > 0 { segments.append((" \(counts.atRisk) ~", style)) }
            segments += replySegments(state, theme: theme, base: style, short: true, separator: " ")
            leftWidth = segments.reduce(0) { $0 + TerminalText.width($1.0) }
            right = forms.first { leftWidth + TerminalText.width($0) + 2 <= grid.width } ?? forms[2]
        }
        var x = 0
        for (text, segmentStyle) in segments {
            x += grid.put(text, x: x, y: 0, maxWidth: grid.width - x, style: segmentStyle)
        }
        let rightWidth = TerminalText.width(right)
        if x + rightWidth + 2 <= grid.width {
            grid.put(right, x: grid.width - rightWidth - 1, y: 0, style: state.storeAway == nil ? style : theme[.notice])
        }
    }

    enum PointForm { case long, medium, short }

    /// "point: ana (Europe) → dave (US) in 2h13m", or shorter forms for narrow screens.
    static func pointText(_ state: AppState, form: PointForm) -> String {
        guard let point = state.point else { return form == .short ? "" : "point: no rotation set" }
        func who(_ shift: Shift?, region: Bool) -> String {
            guard let shift else { return "nobody" }
            let name = shift.engineer ?? "nobody"
            return region ? "\(name) (\(state.regionNames[shift.region] ?? shift.region))" : name
        }
        var text = (form == .short ? "" : "point: ") + who(point.current, region: form != .short)
        func left(_ instant: Date) -> String { DurationText.compact(Int64(instant.timeIntervalSince(state.now).rounded(.up))) }
        if let gap = point.gapAt {
            // Point ends before anyone takes it: say so, and who comes after when there is room.
            text += " → nobody in \(left(gap))"
            if form == .long, let next = point.next { text += ", \(who(next, region: true)) in \(left(next.start))" }
        } else if let next = point.next {
            text += " → \(who(next, region: form == .long)) in \(left(next.start))"
        }
        return text
    }
}
