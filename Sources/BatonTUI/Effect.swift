import BatonCore
import BatonStore
import Foundation

/// What happens to the screen: a key, the clock, a change in the store, or the outcome of
/// something the loop did. `Update.update` turns each into new state and effects.
public enum Event: Equatable, Sendable {
    case key(Key)
    /// The clock moved on (a second, or a handoff boundary): countdowns and who holds point.
    case tick(now: Date, point: PointStatus?)
    /// Another process wrote to the store.
    case storeChanged
    /// A write finished, on this thread or the background writer.
    case written(OwnershipRequest, WriteOutcome)
    /// A screen the loop loaded from the store, to show over the current one.
    case show(Screen)
    /// A question the loop needs answered before it goes on (a reply that collided).
    case ask(question: String, requests: [OwnershipRequest])
    /// Something to tell the engineer: an editor left empty, a store error.
    case notice(String)
    /// A handoff to this engineer ran while their screen was open: its report, to show.
    case handoffArrived(HandoffScreenState)
    /// The engineer's handoff note is stored; the footer stops asking for one.
    case handoffNoteSaved
    /// The viewer's alerts not acknowledged, as the store holds them now (issue 12).
    case alerts([AlertRecord])
    /// The metrics screen's figures, worked out off the loop.
    case metricsComputed(MetricsFigures)
    /// A store call failed because the store's server cannot be reached (issue 16): the
    /// clock then, and what the backend said.
    case storeUnreachable(at: Date, reason: String)
    /// The store answered again after `storeUnreachable`: catch up.
    case storeBack(at: Date)
}

/// How a write ended.
public enum WriteOutcome: Equatable, Sendable {
    case done(ActionResult?)
    /// Someone else got there first.
    case conflict(ActionConflict)
    case failed(String)
}

/// What the update asks the loop to do; `App` runs these and nothing else.
public enum Effect: Equatable, Sendable {
    /// Fetch again: `.window` the queue's rows after a move or a new filter (the selection
    /// stays at its position), `.all` everything after a change (the selection follows its
    /// conversation).
    case reload(Reload)
    /// Load a screen and come back with `.show`.
    case load(Load)
    /// A team action on the store (off the loop when there is a background writer).
    case write(OwnershipRequest)
    /// The editor on a reply or note.
    case compose(ComposeKind, Int64)
    case saveHandoffNote(String)
    /// Work out the metrics screen's figures off the loop; they come back as `.metricsComputed`.
    case computeMetrics(MetricsRequest)
    /// Draw the whole terminal again, not only what changed.
    case redraw
    /// The terminal bell: a key that can do nothing here, or an alert.
    case ring
    /// A desktop notification (OSC 777 and OSC 9) for `alert = "osc"`; the adapter makes it safe.
    case desktopNotify(title: String, body: String)
    /// Store the acknowledgement of an alert (an audit event).
    case acknowledgeAlert(Int64)
    case quit

    public enum Reload: Equatable, Sendable { case window, all }

    public enum Load: Equatable, Sendable {
        case conversation(Int64)
        case rotation
        case handoff
    }
}
