/// What can go wrong with the store, in words an engineer can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case newerSchema(path: String, found: Int, known: Int)
    case notFound(conversation: Int64)
    case unknownTier(String)
    case staleVersion(conversation: Int64)
    /// Another process held the write lock past the busy timeout: worth retrying later.
    case busy(path: String, seconds: Int)

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
        case let .busy(path, seconds):
            return "cannot open the store \(path): another process held the store for more than \(seconds) s; try again"
        }
    }
}
