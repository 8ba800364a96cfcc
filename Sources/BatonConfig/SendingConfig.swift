import BatonCore
import Foundation
import TOMLKit

/// How replies leave: baton.toml's `[email]` and `[slack]` tables (issue 13).
///
/// ```toml
/// [email]
/// from = ["Support <support@example.com>", "help@example.com"]   # or one string
/// sendmail = "/usr/sbin/sendmail -oi -t"                          # split by CommandWords, run without a shell
///
/// [slack]
/// api_url = "https://slack.com/api"
/// bot_token_file = "/etc/baton/slack-bot-token"                   # or $SLACK_BOT_TOKEN; chmod 600
/// app_token_file = "/etc/baton/slack-app-token"                   # or $SLACK_APP_TOKEN
/// signing_secret_file = "/etc/baton/slack-signing-secret"         # or $SLACK_SIGNING_SECRET
/// ```
public struct SendingConfig: Equatable, Sendable {
    /// The team's support addresses in header form; the first is the default From.
    public var emailFrom: [String] = []
    /// The sendmail-compatible program and its arguments.
    public var sendmail: [String] = SendingConfig.defaultSendmail
    public var slackAPIURL: String = "https://slack.com/api"
    public var slackBotTokenFile: String?
    public var slackAppTokenFile: String?
    public var slackSigningSecretFile: String?

    public static let defaultSendmail = ["/usr/sbin/sendmail", "-oi", "-t"]

    public init() {}

    /// Reads the `[email]` and `[slack]` tables of a whole baton.toml.
    public static func load(path: String) throws -> SendingConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, key: "", message: "cannot be read")
        }
        return try parse(text, file: path)
    }

    /// Reads the tables from a config file's text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws -> SendingConfig {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError(file: file, key: "", message: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var reader = TableReader(root, file: file)
        return try read(&reader)
    }

    /// Reads the two tables from the file's root reader (marking them seen). Relative file
    /// paths are taken from the config file's folder.
    static func read(_ root: inout TableReader) throws -> SendingConfig {
        var config = SendingConfig()
        let folder = (root.file as NSString).deletingLastPathComponent
        func resolve(_ path: String?) -> String? {
            guard let path else { return nil }
            if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
            return path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
        }
        if var email = try root.table("email") {
            if let value = email.value("from") {
                let list = value.string.map { [$0] } ?? value.array?.compactMap(\.string)
                guard let list, !list.isEmpty, list.count == (value.array?.count ?? 1) else {
                    throw email.error("from", "expected an address or an array of addresses, like \"support@example.com\"")
                }
                for address in list where !Self.looksLikeAddress(address) {
                    throw email.error("from", "\"\(address)\" is not an email address, like \"Support <support@example.com>\"")
                }
                config.emailFrom = list
            }
            if let line = try email.string("sendmail") {
                do { config.sendmail = try CommandWords.split(line) } catch {
                    throw email.error("sendmail", error.description)
                }
            }
            try email.rejectUnknownKeys()
        }
        if var slack = try root.table("slack") {
            if let url = try slack.string("api_url") {
                guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                    throw slack.error("api_url", "\"\(url)\" is not an http(s) address, like \"https://slack.com/api\"")
                }
                config.slackAPIURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            }
            config.slackBotTokenFile = resolve(try slack.string("bot_token_file"))
            config.slackAppTokenFile = resolve(try slack.string("app_token_file"))
            config.slackSigningSecretFile = resolve(try slack.string("signing_secret_file"))
            try slack.rejectUnknownKeys()
        }
        return config
    }

    /// "a@b.c" or "Name <a@b.c>": an address with a local part and a domain.
    static func looksLikeAddress(_ text: String) -> Bool {
        var address = Substring(text.trimmingCharacters(in: .whitespaces))
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            address = address[address.index(after: open)..<close]
        }
        guard let at = address.firstIndex(of: "@") else { return false }
        return at > address.startIndex && address.index(after: at) < address.endIndex && !address.contains(" ")
    }
}
