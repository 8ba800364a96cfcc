/// A `[[view]]` of baton.toml: a named filter in the queue's filter language
/// (`QueueFilter`), on a key of its own when it names one.
public struct SavedView: Equatable, Sendable {
    public var name: String
    public var filter: String
    /// One character; nil for a view reached through `:view NAME` only.
    public var key: Character?

    public init(name: String, filter: String, key: Character? = nil) {
        self.name = name
        self.filter = filter
        self.key = key
    }
}
