import BatonCore
import Foundation

/// Alerts in the one update: the loop hands in the viewer's open alerts from the store
/// (`Event.alerts`); each rings once when first seen and every `AlertRules.ringAgainAfter`
/// seconds until acknowledged; `x` acknowledges the one in the footer.
extension Update {
    /// The viewer's open alerts, freshly read: keep them, and ring those due.
    static func alertsLoaded(_ records: [AlertRecord], state: inout AppState) -> [Effect] {
        state.alerts.open = records
        let ids = Set(records.map(\.id))
        state.alerts.rungAt = state.alerts.rungAt.filter { ids.contains($0.key) }
        return ringing(state: &state)
    }

    /// The bell (and for `alert = "osc"` a desktop notification) for each open alert whose
    /// time to ring has come; nothing for `alert = "none"`, which shows the footer line only.
    static func ringing(state: inout AppState) -> [Effect] {
        var due: [AlertRecord] = []
        for record in state.alerts.open where AlertRules.ringsNow(lastRung: state.alerts.rungAt[record.id], now: state.now) {
            state.alerts.rungAt[record.id] = state.now
            due.append(record)
        }
        guard !due.isEmpty, state.alerts.style != .none else { return [] }
        var effects: [Effect] = [.ring]
        if state.alerts.style == .osc {
            effects += due.map { .desktopNotify(title: "baton: " + AlertsView.title($0.alert.kind), body: $0.alert.text) }
        }
        return effects
    }

    /// `x`: the alert in the footer is acknowledged here at once, and in the store (an audit event).
    static func acknowledge(state: inout AppState) -> [Effect] {
        guard let current = state.alerts.current else {
            state.notice = "no alert to acknowledge"
            return []
        }
        state.alerts.open.removeFirst()
        state.alerts.rungAt[current.id] = nil
        state.notice = "acknowledged: " + current.alert.text
        return [.acknowledgeAlert(current.id)]
    }
}
