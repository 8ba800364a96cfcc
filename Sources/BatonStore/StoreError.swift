/// What can go wrong with the store, in words an engineer can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case newerSchema(path: String, found: Int, known: Int)
    case notFound(conversation: Int64)
    case unknownTier(String)
    case staleVersion(conversation: Int64)
    case noOverride(Int64)
    case unknownEngineer(String)
    /// Others can read or write the store: `fix` is the command that closes it.
    case openToOthers(path: String, what: String, fix: String)
    /// Another process held the write lock past the busy timeout: worth retrying later.
    case busy(path: String, seconds: Int)
    /// A call this backend does not implement yet: refused by name, never a silent success.
    case unsupported(operation: String, backend: String)
    /// The store's server answered with an error (a real one: a constraint, a missing grant).
    case server(location: String, reason: String)
    /// The store's server cannot be reached: connection refused or reset, or the server
    /// shutting down (issue 16). Worth retrying: the backend reconnects by itself.
    case unreachable(location: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the store \(path): \(reason)"
        case let .newerSchema(path, found, known):
            return "the store \(path) has schema version \(found), newer than this baton knows (\(known)); upgrade baton"
        case let .notFound(id):
            return "no conversation \(id)"
        case let .unknownTier(id):
            return "unknown tier \"\(id)\""
        case let .staleVersion(id):
            return "conversation \(id) was changed by someone else meanwhile; look again and retry"
        case let .noOverride(id):
            return "no override \(id); `baton override list` shows them"
        case let .unknownEngineer(id):
            return "no engineer \"\(id)\" on the roster"
        case let .openToOthers(path, what, fix):
            return "refusing the store \(path): \(what), and customer data must stay within the team; fix it with: \(fix)"
        case let .busy(path, seconds):
            return "cannot open the store \(path): another process held the store for more than \(seconds) s; try again"
        case let .unsupported(operation, backend):
            return "\(operation) is not supported by \(backend) yet"
        case let .server(location, reason):
            return "the store \(location): \(reason)"
        case let .unreachable(location, reason):
            return "cannot reach the store \(location): \(reason)"
        }
    }

    /// Whether trying again later may succeed (the store was busy, or its server away):
    /// `ingest` exits 75 (EX_TEMPFAIL), `serve` keeps the event in its spool, a screen
    /// keeps its last frame. Everything else is a real error.
    public var isTransient: Bool {
        switch self {
        case .busy, .unreachable: return true
        default: return false
        }
    }
}
