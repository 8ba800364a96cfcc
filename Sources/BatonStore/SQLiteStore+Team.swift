import BatonCore
import GRDB

extension SQLiteStore {
    /// Rows that have not changed are not rewritten: a command that only reads then writes
    /// nothing, and the screens open on the store are not woken for nothing.
    ///
    /// When what deadlines depend on changed since the last sync (`TeamConfig.slaFingerprint`),
    /// open conversations' deadlines are worked out again, in the same transaction.
    public func syncTeam(_ team: TeamConfig) throws {
        try write { db in
            for tier in team.tiers {
                try db.execute(sql: """
                    INSERT INTO tiers (id, name, short, first_response_s, next_response_s, hours, rank) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, short = excluded.short,
                        first_response_s = excluded.first_response_s, next_response_s = excluded.next_response_s,
                        hours = excluded.hours, rank = excluded.rank
                    WHERE (tiers.name, tiers.short, tiers.first_response_s, tiers.next_response_s, tiers.hours, tiers.rank)
                        IS NOT (excluded.name, excluded.short, excluded.first_response_s, excluded.next_response_s, excluded.hours, excluded.rank)
                    """, arguments: [tier.id, tier.name, tier.short, tier.firstResponse, tier.nextResponse, tier.hours, tier.rank])
            }
            for engineer in team.engineers {
                try db.execute(sql: """
                    INSERT INTO engineers (id, name, region, unix_user, slack_user, email) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = excluded.region,
                        unix_user = excluded.unix_user, slack_user = excluded.slack_user, email = excluded.email
                    WHERE (engineers.name, engineers.region, engineers.unix_user, engineers.slack_user, engineers.email)
                        IS NOT (excluded.name, excluded.region, excluded.unix_user, excluded.slack_user, excluded.email)
                    """, arguments: [engineer.id, engineer.name, engineer.region, engineer.unixUser, engineer.slackUser, engineer.email])
            }
            for customer in team.customers {
                try db.execute(sql: """
                    INSERT INTO customers (id, name, tier_id, slack_channel, email_domains, engineer_id, csm) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, tier_id = excluded.tier_id,
                        slack_channel = excluded.slack_channel, email_domains = excluded.email_domains,
                        engineer_id = excluded.engineer_id, csm = excluded.csm
                    WHERE (customers.name, customers.tier_id, customers.slack_channel, customers.email_domains, customers.engineer_id, customers.csm)
                        IS NOT (excluded.name, excluded.tier_id, excluded.slack_channel, excluded.email_domains, excluded.engineer_id, excluded.csm)
                    """, arguments: [customer.id, customer.name, customer.tier, customer.slackChannel,
                                     customer.emailDomains.joined(separator: ","), customer.engineer, customer.csm])
            }
            try syncSLA(team, in: db)
        }
    }

    func tier(_ id: String, in db: Database) throws -> Tier {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tiers WHERE id = ?"), arguments: [id]) else {
            throw StoreError.unknownTier(id)
        }
        return Tier(id: row["id"], name: row["name"], short: row["short"], firstResponse: row["first_response_s"],
                    nextResponse: row["next_response_s"], hours: row["hours"], rank: row["rank"],
                    resolution: row["resolution_s"], pauseOnHold: row["pause_on_hold"], warnBefore: row["warn_before_s"])
    }
}
