import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The password for a connection, found as libpq finds it, in the subset baton promises:
/// `PGPASSWORD` first; else the file `PGPASSFILE` names, or `~/.pgpass`. Each line of the
/// file is `hostname:port:database:username:password`; `*` in any of the first four
/// matches anything; `\:` and `\\` stand for a colon and a backslash; lines starting with
/// `#` are comments; the first line that matches wins. As libpq does, a file that the
/// group or others may read or write (mode looser than 0600) is ignored, with a warning.
public enum Pgpass {
    /// What the lookup found, and a warning to show (a file ignored for its mode).
    public struct Found: Equatable, Sendable {
        public var password: String?
        public var warning: String?
    }

    public static func password(host: String, port: Int, database: String, user: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> Found {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return Found(password: password, warning: nil) }
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        var info = stat()
        guard stat(path, &info) == 0 else { return Found(password: nil, warning: nil) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return Found(password: nil, warning: "\(path) is not a plain file; ignored")
        }
        guard info.st_mode & 0o077 == 0 else {
            return Found(password: nil, warning: String(format: "%@ has mode %o; ignored, as libpq does: the password file must be 0600 or stricter (chmod 600 %@)",
                                                        path, info.st_mode & 0o777, path))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return Found(password: nil, warning: "\(path) cannot be read; ignored")
        }
        return Found(password: match(text, host: host, port: port, database: database, user: user), warning: nil)
    }

    /// The password of the first line of `text` matching the connection, or nil.
    public static func match(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.0.isWildcard || $0.0.value == $0.1 }) { return fields[4].value }
        }
        return nil
    }

    /// One field of a line: its text with escapes undone, and whether it was a bare `*`
    /// (an escaped `\*` is a star, not the wildcard, as in libpq, which compares the raw text).
    struct Field: Equatable {
        var value: String
        var isWildcard: Bool
    }

    /// One line's fields, split at the first four colons no backslash escapes; the fifth
    /// (the password) runs to the end of the line.
    static func split(_ line: Substring) -> [Field] {
        var fields: [Field] = []
        var current = ""
        var raw = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                raw.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                raw.append(character)
            } else if character == ":", fields.count < 4 {
                fields.append(Field(value: current, isWildcard: raw == "*"))
                current = ""
                raw = ""
            } else {
                current.append(character)
                raw.append(character)
            }
        }
        fields.append(Field(value: current, isWildcard: false))
        return fields
    }
}
