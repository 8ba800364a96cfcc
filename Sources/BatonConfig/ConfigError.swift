/// A problem with a configuration or theme file, naming the file, the key and what is wrong.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// The key's path, such as `region[2].tz`; empty for the file as a whole.
    public var key: String
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
