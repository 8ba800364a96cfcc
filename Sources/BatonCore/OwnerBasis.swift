/// Why an engineer owns a conversation. A handoff moves only what was owned by holding point.
public enum OwnerBasis: String, CaseIterable, Sendable {
    /// Given to the engineer holding point when it came in.
    case point
    /// The customer's dedicated engineer.
    case dedicated
    /// Claimed while unowned.
    case claim
    /// Assigned by a teammate.
    case assign
    /// Taken over from another owner, on purpose.
    case take
}
