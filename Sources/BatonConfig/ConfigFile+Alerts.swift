import BatonCore

/// The alert keys of baton.toml (issue 12, items 8–10):
///
/// ```toml
/// notify_command = "/usr/local/bin/page-oncall --team support"   # the team's; no shell
///
/// [[engineer]]
/// alert = "osc"                      # "bell" (default), "osc" (bell + desktop notification) or "none"
/// notify_command = "notify-ana"      # this engineer's own, instead of the team's
///
/// [[tier]]
/// escalate_after = "10m"             # default 10 minutes
/// ```
extension ConfigFile {
    /// A `notify_command` line split by the rule the outbox's `sendmail` uses; nil when absent.
    static func notifyCommand(_ table: inout TableReader) throws -> [String]? {
        guard let line = try table.string("notify_command") else { return nil }
        do { return try CommandWords.split(line) } catch {
            throw table.error("notify_command", "\"\(line)\": \(error.description)")
        }
    }

    /// An engineer's `alert` and `notify_command`.
    static func readAlertKeys(_ table: inout TableReader, into engineer: inout Engineer) throws {
        if let style = try table.string("alert") {
            guard let known = AlertStyle(rawValue: style) else {
                throw table.error("alert", "\"\(style)\" is not an alert style; use \"bell\", \"osc\" or \"none\"")
            }
            engineer.alert = known
        }
        engineer.notifyCommand = try notifyCommand(&table)
    }

    /// A tier's `escalate_after`, which must be longer than zero.
    static func escalateAfter(_ table: inout TableReader) throws -> Int64 {
        guard let seconds = try table.duration("escalate_after") else { return Tier.defaultEscalateAfter }
        guard seconds > 0 else { throw table.error("escalate_after", "must be longer than zero") }
        return seconds
    }
}
