import Foundation

/// A moment at which point passes from one engineer to another.
public struct Handoff: Equatable, Sendable {
    /// The boundary: when the incoming shift starts.
    public var at: Date
    /// The shift that held point last, if any (it may have ended earlier, leaving a gap).
    public var outgoing: Shift?
    public var incoming: Shift

    public init(at: Date, outgoing: Shift?, incoming: Shift) {
        self.at = at
        self.outgoing = outgoing
        self.incoming = incoming
    }

    /// Whether nobody holds point just before it (the outgoing shift ended earlier, or there
    /// was none), so the incoming engineer takes point rather than being handed it.
    public var followsAGap: Bool {
        guard let outgoing else { return true }
        return outgoing.end < at
    }
}
