import BatonCore
import Foundation

/// The actions without a version to check, as the SQLite store's defaults allow: the
/// protocols cannot carry default arguments, so these spell them out once for every backend.
extension TeamStore {
    public func take(_ id: Int64, actor: String, at now: Date) throws -> ActionResult {
        try take(id, actor: actor, expectedVersion: nil, at: now)
    }

    public func assign(_ id: Int64, to engineer: String, actor: String, at now: Date) throws -> ActionResult {
        try assign(id, to: engineer, actor: actor, expectedVersion: nil, at: now)
    }

    public func release(_ id: Int64, actor: String, at now: Date) throws -> ActionResult {
        try release(id, actor: actor, expectedVersion: nil, at: now)
    }

    public func setStatus(_ id: Int64, to status: ConversationStatus, actor: String, at now: Date) throws -> ActionResult {
        try setStatus(id, to: status, actor: actor, expectedVersion: nil, at: now)
    }
}
