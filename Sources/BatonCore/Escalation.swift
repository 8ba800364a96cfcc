import Foundation

/// Which at-risk conversations go over their owner's head (issue 12, item 9). Pure.
///
/// A conversation within its warning window (or breached less than its tier's
/// `escalate_after` ago) escalates when its owner is off shift, has pressed no key in any
/// baton screen for `escalate_after` seconds (a screen left in a detached tmux gets no
/// keys, so it does not count), or has not acknowledged its at-risk alert within that
/// time. The escalation goes to the engineer holding point; in a gap, or when the owner
/// holds point themselves, to nobody (`engineer` nil): `notify_command` runs, and the
/// alert waits for whoever takes point next.
public enum Escalation {
    /// What the rules need to know about the people.
    public struct People: Equatable, Sendable {
        /// Engineers whose region holds point now.
        public var onShift: Set<String>
        /// Each engineer's last key in any baton screen (UTC instant); absent: none open.
        public var lastKey: [String: Date]
        /// The at-risk alerts raised so far by key: when, and whether acknowledged.
        public var atRisk: [String: AlertRecord]

        public init(onShift: Set<String>, lastKey: [String: Date], atRisk: [String: AlertRecord] = [:]) {
            self.onShift = onShift
            self.lastKey = lastKey
            self.atRisk = atRisk
        }
    }

    public static func decide(_ snapshot: AlertSnapshot, people: People) -> [Alert] {
        let now = snapshot.at
        var alerts: [Alert] = []
        for conversation in snapshot.conversations.sorted(by: { $0.id < $1.id }) {
            guard let owner = conversation.owner, let due = conversation.due else { continue }
            let wait = TimeInterval(conversation.escalateAfter)
            let warned = due.addingTimeInterval(-TimeInterval(conversation.warnBefore))
            guard now >= warned, now < due.addingTimeInterval(wait) else { continue }
            let stamp = Int64(due.timeIntervalSince1970)
            var reasons: [String] = []
            if !people.onShift.contains(owner) { reasons.append("\(owner) is off shift") }
            if let last = people.lastKey[owner] {
                if now.timeIntervalSince(last) >= wait { reasons.append("\(owner) pressed no key in baton for \(DurationText.compact(Int64(now.timeIntervalSince(last))))") }
            } else {
                reasons.append("\(owner) has no baton screen open")
            }
            if let raised = people.atRisk["at_risk:\(conversation.id):\(stamp)"], raised.acknowledgedAt == nil,
               now.timeIntervalSince(raised.raisedAt) >= wait {
                reasons.append("\(owner) did not acknowledge within \(DurationText.compact(conversation.escalateAfter))")
            }
            guard !reasons.isEmpty else { continue }
            let breached = due <= now
            var detail = reasons.joined(separator: "; ")
            if breached, let csm = conversation.csm { detail += "; breached, csm: \(csm)" }
            let target = snapshot.pointHolder == owner ? nil : snapshot.pointHolder
            alerts.append(Alert(key: "escalated:\(conversation.id):\(stamp)", kind: .escalated, engineer: target, conversation: conversation.id,
                                customer: conversation.customerID, subject: conversation.subject, due: due,
                                text: "#\(conversation.id) escalated (\(reasons[0])): \(conversation.customerName) — \(conversation.subject)",
                                detail: detail))
        }
        return alerts
    }
}
