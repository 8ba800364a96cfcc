import Foundation

/// A handoff that has run: who passed point to whom, and when.
public struct HandoffRecord: Equatable, Sendable {
    /// The real boundary, even when the handoff ran later (no baton was running then).
    public var boundary: Date
    public var fromRegion: String?
    public var fromEngineer: String?
    public var toRegion: String?
    public var toEngineer: String?
    /// How many conversations moved to the incoming engineer.
    public var moved: Int
    public var ranAt: Date
    public var seenAt: Date?
    /// How many conversations that arrived in the gap before the boundary, still unowned,
    /// the incoming engineer was given (not counted in `moved`).
    public var arrivedInGap: Int

    public init(boundary: Date, fromRegion: String?, fromEngineer: String?, toRegion: String?, toEngineer: String?, moved: Int, ranAt: Date,
                seenAt: Date? = nil, arrivedInGap: Int = 0) {
        self.arrivedInGap = arrivedInGap
        self.boundary = boundary
        self.fromRegion = fromRegion
        self.fromEngineer = fromEngineer
        self.toRegion = toRegion
        self.toEngineer = toEngineer
        self.moved = moved
        self.ranAt = ranAt
        self.seenAt = seenAt
    }
}

/// A note the outgoing engineer leaves for whoever takes point next.
public struct HandoffNote: Equatable, Sendable {
    public var author: String
    public var body: String
    public var createdAt: Date

    public init(author: String, body: String, createdAt: Date) {
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}

/// What the incoming engineer needs at a handoff: what moved to them, what breaches soon, the notes.
public struct HandoffReport: Equatable, Sendable {
    public var handoff: HandoffRecord
    public var transferred: [QueueRow]
    /// Conversations that arrived while nobody held point, given to the incoming engineer.
    public var arrivedInGap: [QueueRow]
    /// Open conversations of the incoming engineer, or of nobody, due within the next two hours.
    public var breachingSoon: [QueueRow]
    public var notes: [HandoffNote]

    public init(handoff: HandoffRecord, transferred: [QueueRow], arrivedInGap: [QueueRow] = [], breachingSoon: [QueueRow], notes: [HandoffNote]) {
        self.handoff = handoff
        self.transferred = transferred
        self.arrivedInGap = arrivedInGap
        self.breachingSoon = breachingSoon
        self.notes = notes
    }

    /// How far ahead the report looks for breaches.
    public static let breachHorizon: TimeInterval = 2 * 3_600
}
