/// What the event loop must do after a key: state changes happen in `KeyHandler`,
/// anything that needs the store is asked for here.
public enum Action: Equatable, Sendable {
    case none
    case quit
    /// The queue's window or filter changed: fetch its rows again.
    case reloadQueue
    case openConversation(Int64)
    /// Fetch everything again and redraw the whole terminal.
    case refresh
    /// Work out the rotation's next days and show them.
    case openRotation
    /// Load the latest handoff report and show it.
    case openHandoff
    /// Keep a note for whoever takes point next.
    case saveHandoffNote(String)
    /// Claim, take, assign, release, rope in, status, reply or note: carried out on the store.
    case ownership(OwnershipRequest)
}
