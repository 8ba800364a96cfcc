import Foundation

/// Something one engineer must hear about now (issue 12, item 8), or, with no engineer,
/// something for `notify_command` while nobody holds point (item 9).
///
/// `key` names the alert across every process and restart: the store keeps one row per key,
/// so an alert is raised, rung and run through `notify_command` at most once, however many
/// screens decide it.
public struct Alert: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A new conversation the engineer owns.
        case owned = "new_owned"
        /// A new conversation nobody owns, arrived while the engineer holds point.
        case unowned = "new_unowned"
        /// One of the engineer's conversations came within its tier's `warn_before`.
        case atRisk = "at_risk"
        /// One of the engineer's conversations passed its deadline.
        case breached
        /// Point passed to the engineer.
        case point
        /// An at-risk conversation whose owner is off shift, idle or silent, for the point holder.
        case escalated
    }

    public var key: String
    public var kind: Kind
    /// Who is told; nil for an escalation in a gap, which goes to `notify_command` and waits
    /// for whoever takes point next.
    public var engineer: String?
    public var conversation: Int64?
    public var customer: String?
    public var subject: String
    /// The deadline the alert is about (UTC instant), if any.
    public var due: Date?
    /// The one line the footer shows and `BATON_ALERT`'s companion text.
    public var text: String
    /// For the audit event: why it escalated, and the CSM of a breached customer.
    public var detail: String

    public init(key: String, kind: Kind, engineer: String?, conversation: Int64? = nil, customer: String? = nil, subject: String = "",
                due: Date? = nil, text: String, detail: String = "") {
        self.key = key
        self.kind = kind
        self.engineer = engineer
        self.conversation = conversation
        self.customer = customer
        self.subject = subject
        self.due = due
        self.text = text
        self.detail = detail
    }
}

/// How an engineer's screen says an alert is there: config key `alert` on `[[engineer]]`.
public enum AlertStyle: String, Sendable, CaseIterable {
    /// The terminal bell (the default).
    case bell
    /// The bell and a desktop notification (OSC 777 `notify` and OSC 9).
    case osc
    /// Only the footer line.
    case none
}

/// An alert as the store keeps it: raised once, acknowledged once.
public struct AlertRecord: Equatable, Sendable {
    public var id: Int64
    public var alert: Alert
    /// When it was raised (UTC instant).
    public var raisedAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?

    public init(id: Int64, alert: Alert, raisedAt: Date, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil) {
        self.id = id
        self.alert = alert
        self.raisedAt = raisedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
    }
}
