import BatonCore
import Foundation

/// The rotation's writes and reads beyond `ConversationStore`: overrides kept and removed,
/// who holds point with them, the notices an override leaves for the engineer it puts on
/// point, and the handoff log. Instants are UTC.
public protocol RotationStore: ConversationStore {
    /// Keeps an override; returns its id. Throws `StoreError.unknownEngineer` for a name off the roster.
    @discardableResult
    func addOverride(_ override: Override, actor: String, at now: Date) throws -> Int64
    /// Overrides that overlap [from, to), oldest first, with removed ones when asked.
    func overrides(from: Date?, to: Date?, includingRemoved: Bool) throws -> [Override]
    /// Removes override `id`. Throws `StoreError.noOverride` when there is none.
    func removeOverride(id: Int64, actor: String, at now: Date) throws
    /// Who holds point at `instant`, with the store's overrides; nil in a gap.
    func pointHolder(_ rotation: Rotation, at instant: Date) throws -> Shift?
    /// Overrides that put `engineer` on point which they have not yet been told of.
    func unseenPointNotices(for engineer: String) throws -> [PointNotice]
    /// Marks those notices (all when `ids` is nil) seen; returns how many.
    @discardableResult
    func markPointNoticesSeen(for engineer: String, ids: [Int64]?, at now: Date) throws -> Int
    /// The latest handoffs, newest first, at most `limit`.
    func handoffs(limit: Int) throws -> [HandoffRecord]
}

extension RotationStore {
    @discardableResult
    public func markPointNoticesSeen(for engineer: String, at now: Date) throws -> Int {
        try markPointNoticesSeen(for: engineer, ids: nil, at: now)
    }

    public func handoffs() throws -> [HandoffRecord] { try handoffs(limit: 20) }
}

extension RotationStore {
    /// Every override, with removed ones when asked.
    public func overrides(from: Date? = nil, includingRemoved: Bool) throws -> [Override] {
        try overrides(from: from, to: nil, includingRemoved: includingRemoved)
    }
}

extension ConversationStore {
    /// The latest handoff to any engineer.
    public func handoffReport(now: Date) throws -> HandoffReport? { try handoffReport(for: nil, now: now) }
}
