import Foundation

/// Which alerts the change from one snapshot to the next raises (issue 12, item 8). Pure:
/// the snapshots and the instant come in, the alerts go out; the store keeps them once by key.
///
/// Each alert is a crossing in the interval (`before.at`, `after.at`]: a conversation that
/// arrived, a warning window that opened, a deadline that passed, point that changed hands.
/// With no `before` (a process just started) the interval reaches back `lookback` seconds,
/// so alerts raised while no baton ran are caught up without flooding the screen with
/// last week's breaches.
public enum AlertRules {
    /// Seconds a freshly started process looks back: ten minutes.
    public static let lookback: TimeInterval = 600
    /// An alert not acknowledged rings again after this many seconds: five minutes.
    public static let ringAgainAfter: TimeInterval = 300

    /// The alerts raised between `before` and `after`, in conversation order.
    /// `handoffText` is the point alert's text (the handoff report's summary); nil says
    /// "point is yours".
    public static func decide(before: AlertSnapshot?, after: AlertSnapshot, handoffText: String? = nil) -> [Alert] {
        let now = after.at
        let since = before?.at ?? now.addingTimeInterval(-lookback)
        func crossed(_ instant: Date) -> Bool { instant > since && instant <= now }
        var alerts: [Alert] = []
        for conversation in after.conversations.sorted(by: { $0.id < $1.id }) {
            let name = "#\(conversation.id)"
            let about = "\(conversation.customerName) — \(conversation.subject)"
            if crossed(conversation.createdAt) {
                if let owner = conversation.owner {
                    alerts.append(alert(.owned, "new:\(conversation.id)", for: owner, conversation, text: "\(name) new, yours: \(about)"))
                } else if let holder = after.pointHolder {
                    alerts.append(alert(.unowned, "new:\(conversation.id)", for: holder, conversation, text: "\(name) new, unowned, you hold point: \(about)"))
                }
            }
            // Unowned work is the point holder's.
            guard let due = conversation.due, let engineer = conversation.owner ?? after.pointHolder else { continue }
            let stamp = Int64(due.timeIntervalSince1970)
            if crossed(due.addingTimeInterval(-TimeInterval(conversation.warnBefore))), due > now {
                alerts.append(alert(.atRisk, "at_risk:\(conversation.id):\(stamp)", for: engineer, conversation, text: "\(name) at risk: \(about)"))
            }
            if crossed(due) {
                alerts.append(alert(.breached, "breached:\(conversation.id):\(stamp)", for: engineer, conversation, text: "\(name) breached: \(about)",
                                    detail: conversation.csm.map { "csm: \($0)" } ?? ""))
            }
        }
        if let before, let holder = after.pointHolder, before.pointHolder != holder {
            let since = Int64((after.pointSince ?? now).timeIntervalSince1970)
            alerts.append(Alert(key: "point:\(holder):\(since)", kind: .point, engineer: holder, subject: "point",
                                text: handoffText ?? "point is yours: H shows the handoff report"))
        }
        return alerts
    }

    static func alert(_ kind: Alert.Kind, _ key: String, for engineer: String, _ conversation: AlertSnapshot.Conversation, text: String,
                      detail: String = "") -> Alert {
        Alert(key: key, kind: kind, engineer: engineer, conversation: conversation.id, customer: conversation.customerID,
              subject: conversation.subject, due: conversation.due, text: text, detail: detail)
    }

    /// Whether an alert not yet acknowledged rings now: the first time it is seen
    /// (`lastRung` nil), then every `ringAgainAfter` seconds.
    public static func ringsNow(lastRung: Date?, now: Date) -> Bool {
        guard let lastRung else { return true }
        return now.timeIntervalSince(lastRung) >= ringAgainAfter
    }
}
