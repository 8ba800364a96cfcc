import Foundation

/// Slack's secrets, one scheme for each: the environment variable with Slack's own name
/// (`SLACK_BOT_TOKEN`), else the `[slack] ..._file` baton.toml names, which must belong to
/// the user running baton and be unreadable by others. Never from the command line.
public enum SlackToken {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The token, nil when neither the variable nor the file is set. Throws `Problem` for a
    /// file that cannot be read, belongs to another user, is open to others, or is empty.
    public static func read(environment name: String, file: String?, key: String) throws(Problem) -> String? {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        guard let file else { return nil }
        var info = stat()
        guard stat(file, &info) == 0 else { throw Problem(description: "[slack] \(key) \(file): cannot be read") }
        guard info.st_uid == getuid() else { throw Problem(description: "[slack] \(key) \(file): must belong to the user running baton") }
        guard info.st_mode & 0o077 == 0 else { throw Problem(description: "[slack] \(key) \(file): readable by others; chmod 600 it") }
        guard let data = FileManager.default.contents(atPath: file),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw Problem(description: "[slack] \(key) \(file): empty or not text")
        }
        return text
    }
}
