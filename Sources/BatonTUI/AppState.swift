import BatonCore
import Foundation

/// Everything the screen shows. Rendering is a function of this and nothing else.
public struct AppState: Equatable, Sendable {
    public var now: Date
    /// The zone the viewer reads times in.
    public var zone: TimeZone
    public var counts = QueueCounts(open: 0, unowned: 0, breaching: 0)
    public var point: PointStatus?
    /// Region ids to display names, for the header.
    public var regionNames: [String: String] = [:]
    public var queue = QueueState()
    /// The open conversation, when one is open.
    public var conversation: ConversationState?
    /// The rotation screen (`o`), over the queue or a conversation.
    public var rotation: RotationScreenState?
    /// The handoff report (`H`), over everything else.
    public var handoff: HandoffScreenState?
    public var showHelp = false
    /// The first key the help shows, when the screen is too short for all of them.
    public var helpScroll = 0
    /// A one-line notice in the footer, such as an error from the store.
    public var notice: String?
    /// Who acts, who else is here, and the picker or question on screen (issue 4).
    public var ownership = OwnershipState()

    public init(now: Date, zone: TimeZone) {
        self.now = now
        self.zone = zone
    }
}
