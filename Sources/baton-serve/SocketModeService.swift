import BatonConfig
import BatonCore
import BatonIngest
import BatonSlackOutbox
import BatonSocketMode
import BatonStore
import Foundation

/// `baton serve --socket-mode` (issue 13 item 7): Slack's events over Socket Mode instead
/// of an HTTP listener, into the same spool and store, and the outbox's sender beside it.
enum SocketModeService {
    /// The app-level token: `SLACK_APP_TOKEN` (Slack's own name, as `SLACK_BOT_TOKEN` and
    /// `SLACK_SIGNING_SECRET` are; the issue's `BATON_SLACK_APP_TOKEN` is not read, and said
    /// so when it is the one set), else `[slack] app_token_file`, under the bot token's rules.
    /// - Throws: `SlackToken.Problem` for a file that is unsafe or unreadable; `SocketModeClient.Problem` for a token
    ///   that is missing or is not an app-level one (`xapp-`).
    static func appToken(_ sending: SendingConfig) throws -> String {
        guard let token = try SlackToken.read(environment: "SLACK_APP_TOKEN", file: sending.slackAppTokenFile, key: "app_token_file") else {
            let misnamed = (ProcessInfo.processInfo.environment["BATON_SLACK_APP_TOKEN"] ?? "").isEmpty
                ? "" : " (BATON_SLACK_APP_TOKEN is set, but the token goes by Slack's own name, SLACK_APP_TOKEN)"
            throw SocketModeClient.Problem("no Slack app-level token: set SLACK_APP_TOKEN or [slack] app_token_file (chmod 600)" + misnamed)
        }
        guard token.hasPrefix("xapp-") else {
            throw SocketModeClient.Problem("the Slack app-level token must start with xapp- (Basic Information → App-Level Tokens, scope connections:write); a bot token (xoxb-) cannot open Socket Mode")
        }
        return token
    }

    /// Runs until the process is stopped. Exits 2 for a missing or unsafe token, 1 when
    /// the store or the spool cannot be opened.
    static func run(configPath: String, log: @escaping @Sendable (String) -> Void) async -> Never {
        let team: TeamConfig
        let sending: SendingConfig
        let token: String
        do {
            team = try ConfigFile.load(path: configPath)
            sending = try SendingConfig.load(path: configPath)
            token = try appToken(sending)
        } catch {
            stop("\(error)", status: 2)
        }
        do {
            let store = try openStore(location: team.storePath)
            let spool = try EventSpool(storePath: team.storePath)
            // No signing secret: an envelope comes over the link the app-level token opened.
            let receiver = SlackEventReceiver(secret: [], roster: Roster(team: team), store: store, actor: "\(NSUserName()) (serve)", spool: spool)
            receiver.startDraining(prepare: { try store.syncTeam(team) }, report: log)
            try OutboxLoop.start(team: team, configPath: configPath, log: log)
            FileHandle.standardOutput.write(Data("receiving Slack events over Socket Mode (\(sending.slackAPIURL)/apps.connections.open)\n".utf8))
            await SocketModeClient(apiURL: sending.slackAPIURL, appToken: token, receiver: receiver, log: log).run()
            exit(0)
        } catch {
            stop("cannot serve over Socket Mode: \(error)", status: 1)
        }
    }

    static func stop(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("baton: \(message)\n".utf8))
        exit(status)
    }
}
