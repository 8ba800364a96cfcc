import BatonCore
import Foundation

/// What the team's actions need of a store, beside reading the queue: ownership through
/// the conversation's version, the thread's notes and queued replies, drafts, presence.
public protocol TeamStore: ConversationStore {
    func claim(_ id: Int64, actor: String, at now: Date) throws -> ActionResult
    func take(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult
    func assign(_ id: Int64, to engineer: String, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult
    func release(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult
    func ropeIn(_ id: Int64, engineer: String, actor: String, at now: Date) throws -> ActionResult
    func setStatus(_ id: Int64, to status: ConversationStatus, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult
    func tag(_ id: Int64, add: [String], remove: [String], actor: String, at now: Date) throws -> ActionResult
    func addNote(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult
    func queueReply(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult
    func saveDraft(_ id: Int64, author: String, kind: String, body: String, at now: Date) throws
    func draft(_ id: Int64, author: String, kind: String) throws -> String?
    func heartbeat(engineer: String, conversation: Int64, activity: Presence.Activity, host: String, pid: Int32, at now: Date) throws
    func clearPresence(host: String, pid: Int32) throws
    func presence(on ids: [Int64], excludingHost host: String, pid: Int32, now: Date) throws -> [Presence]
}

extension SQLiteStore: TeamStore {}
