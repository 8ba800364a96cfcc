/// Owner changes told apart, from the owner before and after that each event stores as
/// fields (`MetricsEvent.ownerFrom`, `ownerTo`):
///
/// - a handoff: the rotation moved point-owned work from one engineer to the next
///   (kind `handoff` with an owner before; giving unowned work that arrived in a gap is not one);
/// - a reassignment: an `assign` or `take` that moved a conversation from one owner to another;
/// - a bounce: a change that undoes the one just before it (back from B to A after A to B)
///   within `bounceWindow`; a take and a take back is one bounce (and two reassignments).
public enum OwnerChange {
    /// 24 hours, in seconds.
    public static let bounceWindow: Int64 = 86_400

    public struct Counts: Equatable, Sendable {
        public var handoffs = 0
        public var reassignments = 0
        public var bounces = 0
        public init(handoffs: Int = 0, reassignments: Int = 0, bounces: Int = 0) {
            self.handoffs = handoffs
            self.reassignments = reassignments
            self.bounces = bounces
        }
        public static func + (a: Counts, b: Counts) -> Counts {
            Counts(handoffs: a.handoffs + b.handoffs, reassignments: a.reassignments + b.reassignments, bounces: a.bounces + b.bounces)
        }
    }

    /// Whether an event records an owner change (one of its owner fields is set).
    public static func isChange(_ event: MetricsEvent) -> Bool {
        (event.ownerFrom != nil || event.ownerTo != nil) && event.ownerFrom != event.ownerTo
    }

    /// The counts over one conversation's events, in time order.
    public static func count<S: Sequence>(_ events: S) -> Counts where S.Element == MetricsEvent {
        var counts = Counts()
        var previous: MetricsEvent?
        for event in events where isChange(event) {
            if event.kind == "handoff" && event.ownerFrom != nil { counts.handoffs += 1 }
            if (event.kind == "assign" || event.kind == "take") && event.ownerFrom != nil { counts.reassignments += 1 }
            if let previous, previous.ownerFrom == event.ownerTo, previous.ownerTo == event.ownerFrom, event.at - previous.at <= bounceWindow {
                counts.bounces += 1
            }
            previous = event
        }
        return counts
    }
}
