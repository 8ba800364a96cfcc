import BatonConfig
import BatonCore
import BatonOutbox
import BatonSlackOutbox
import BatonStore
import Foundation

/// `baton serve` sends too: a thread of its own passes over the outbox every two seconds
/// (a sendmail run or an HTTP request blocks only it), with its own store connection.
/// Each pass marks replies a dead sender left `sending` unconfirmed, then sends what is due.
enum OutboxLoop {
    static let interval: TimeInterval = 2

    static func start(team: TeamConfig, configPath: String, log: @escaping @Sendable (String) -> Void) throws {
        let sending = try SendingConfig.load(path: configPath)
        let store = try openStore(location: team.storePath)
        // Without a bot token Slack replies stay queued (and `outbox list` shows them waiting).
        let token = try SlackToken.read(environment: "SLACK_BOT_TOKEN", file: sending.slackBotTokenFile, key: "bot_token_file")
        if token == nil { log("no Slack bot token ($SLACK_BOT_TOKEN or [slack] bot_token_file): Slack replies wait") }
        let thread = Thread {
            var connectors: [ReplyConnector] = [EmailConnector(store: store, team: team, sending: sending, clock: { Date() })]
            if let token { connectors.append(SlackConnector(apiURL: sending.slackAPIURL, token: token)) }
            let sender = OutboxSender(store: store, connectors: connectors, actor: "\(NSUserName()) (serve)", clock: { Date() })
            while true {
                do {
                    let report = try sender.sendDue()
                    for id in report.unconfirmed { log("reply \(id): unconfirmed (its sender died while sending); check, then `baton outbox retry \(id)`") }
                    for (id, reason) in report.failed { log("reply \(id): failed: \(TerminalText.glyphs(reason).map(\.text).joined())") }
                } catch {
                    log("outbox: \(error)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.name = "outbox"
        thread.start()
    }
}
