import BatonConfig
import BatonCore
import BatonStore
import Foundation

extension EmailConnector {
    /// The email connector as baton.toml describes it: `[email] from` and `sendmail`, the
    /// team's own addresses (engineers' emails, `internal_domains`) kept out of Cc.
    public convenience init(store: StoreBackend, team: TeamConfig, sending: SendingConfig, clock: @escaping @Sendable () -> Date) {
        let mail = MailReply(teamFrom: sending.emailFrom, teamAddresses: Set(team.engineers.compactMap(\.email)),
                             teamDomains: Set(team.internalDomains))
        self.init(store: store, mail: mail, sendmail: Sendmail(command: sending.sendmail), clock: clock)
    }
}
