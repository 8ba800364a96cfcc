import BatonCore
import BatonStore
import Foundation

/// The loop's side of a store whose server went away (issue 16 item 4): it tells the
/// update when a call fails because the server cannot be reached and when the store
/// answers again; the backend itself reconnects (with backoff) on the next call, and the
/// loop's change-token read every tick is that next call.
extension App {
    /// Sends `.storeUnreachable` when `error` says the server cannot be reached; returns
    /// whether it did (a real error is the caller's to show).
    @discardableResult
    func noteUnreachable(_ error: Error) -> Bool {
        guard let error = error as? StoreError, case let .unreachable(_, reason) = error else { return false }
        send(.storeUnreachable(at: clock(), reason: reason))
        return true
    }

    /// The store's change token, or nil when it could not be read. The first read that
    /// works after the server was away sends `.storeBack` (everything is fetched again)
    /// and saves the replies kept meanwhile as drafts.
    func readChangeToken() -> Int64? {
        do {
            let token = try store.changeToken()
            if state.storeAway != nil {
                send(.storeBack(at: clock()))
                restoreKeptDrafts()
            }
            return token
        } catch {
            noteUnreachable(error)
            return nil
        }
    }

    /// Where this engineer's replies are kept while the store is away; nil for a reader.
    var keptDrafts: KeptDrafts? {
        guard let me = state.ownership.me, let base = (store as? StoreBackend)?.location.localFilesBase() else { return nil }
        return KeptDrafts(base: base, engineer: me)
    }

    /// Replies kept while the store was away become the store's drafts; the footer says so.
    func restoreKeptDrafts() {
        guard let kept = keptDrafts, let store = teamStore, let me = state.ownership.me else { return }
        let count = kept.restore(into: store, author: me, at: clock())
        guard count > 0 else { return }
        send(.notice("\(count == 1 ? "a reply" : "\(count) replies") written while the store was away \(count == 1 ? "is" : "are") now a draft: R opens it"))
    }

    /// A reply or note that could not be stored nor saved as a draft: kept in a file, and
    /// the error says where. Returns the error to throw.
    func keepUnstored(_ body: String, conversation id: Int64, kind: ComposeKind, error: Error) -> Error {
        guard let kept = keptDrafts, let path = try? kept.keep(body, conversation: id, kind: kind) else { return error }
        noteUnreachable(error)
        return KeptDraftError(underlying: "\(error)", path: path)
    }
}

/// A reply not stored, kept in a file until the store is back.
struct KeptDraftError: Error, CustomStringConvertible {
    var underlying: String
    var path: String
    var description: String { "\(underlying); your text is kept in \(path) and becomes your draft (R) when the store is back" }
}
