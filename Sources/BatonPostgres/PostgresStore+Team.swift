import BatonCore
import BatonStore
import Foundation

/// The config mirrored into the store, and the SLA policy conversations count under:
/// the same rules as the SQLite store's (unchanged rows are not rewritten, so a command
/// that only reads wakes no screen; a changed SLA fingerprint recomputes open deadlines).
extension PostgresStore {
    public func syncTeam(_ team: TeamConfig) throws {
        try session.transaction {
            for tier in team.tiers {
                try session.execute("""
                    INSERT INTO tiers (id, name, short, first_response_s, next_response_s, hours, rank) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, short = excluded.short,
                        first_response_s = excluded.first_response_s, next_response_s = excluded.next_response_s,
                        hours = excluded.hours, rank = excluded.rank
                    WHERE (tiers.name, tiers.short, tiers.first_response_s, tiers.next_response_s, tiers.hours, tiers.rank)
                        IS DISTINCT FROM (excluded.name, excluded.short, excluded.first_response_s, excluded.next_response_s, excluded.hours, excluded.rank)
                    """, [.text(tier.id), .text(tier.name), .text(tier.short), .int(tier.firstResponse), .int(tier.nextResponse),
                          .text(tier.hours), .int(tier.rank)])
            }
            for engineer in team.engineers {
                try session.execute("""
                    INSERT INTO engineers (id, name, region, unix_user, slack_user, email) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region,
                        unix_user = excluded.unix_user, slack_user = excluded.slack_user, email = excluded.email
                    WHERE (engineers.name, engineers.region, engineers.unix_user, engineers.slack_user, engineers.email)
                        IS DISTINCT FROM (excluded.name, excluded.region, excluded.unix_user, excluded.slack_user, excluded.email)
                    """, [.text(engineer.id), .text(engineer.name), .text(engineer.region), .text(engineer.unixUser),
                          .text(engineer.slackUser), .text(engineer.email)])
            }
            for customer in team.customers {
                try session.execute("""
                    INSERT INTO customers (id, name, tier_id, slack_channel, email_domains, engineer_id, csm) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, tier_id = excluded.tier_id,
                        slack_channel = excluded.slack_channel, email_domains = excluded.email_domains,
                        engineer_id = excluded.engineer_id, csm = excluded.csm
                    WHERE (customers.name, customers.tier_id, customers.slack_channel, customers.email_domains, customers.engineer_id, customers.csm)
                        IS DISTINCT FROM (excluded.name, excluded.tier_id, excluded.slack_channel, excluded.email_domains, excluded.engineer_id, excluded.csm)
                    """, [.text(customer.id), .text(customer.name), .text(customer.tier), .text(customer.slackChannel),
                          .text(customer.emailDomains.joined(separator: ",")), .text(customer.engineer), .text(customer.csm)])
            }
            try syncSLA(team)
        }
    }

    func syncSLA(_ team: TeamConfig) throws {
        let fingerprint = team.slaFingerprint
        guard try session.query("SELECT value FROM meta WHERE key = 'sla_fingerprint'").first?.text("value") != fingerprint else { return }
        for tier in team.tiers {
            try session.execute("UPDATE tiers SET resolution_s = $1, pause_on_hold = $2, warn_before_s = $3, calendar_id = $4 WHERE id = $5",
                                [.int(tier.resolution), .bool(tier.pauseOnHold), .int(tier.warnBefore),
                                 .text(team.slaCalendar(tier: tier, customer: nil)?.id), .text(tier.id)])
        }
        for customer in team.customers {
            let calendar = team.tier(customer.tier).flatMap { team.slaCalendar(tier: $0, customer: customer) }
            try session.execute("UPDATE customers SET calendar_id = $1 WHERE id = $2", [.text(calendar?.id), .text(customer.id)])
        }
        try session.execute("DELETE FROM sla_calendars")
        for calendar in team.slaCalendarsInUse {
            try session.execute("INSERT INTO sla_calendars (id, tz, hours, holidays) VALUES ($1, $2, $3, $4)",
                                [.text(calendar.id), .text(calendar.zone.identifier), .text(calendar.hoursEntries.joined(separator: ";")),
                                 .text(calendar.holidayEntries.joined(separator: ","))])
        }
        _ = try recomputeDeadlines()
        try session.execute("INSERT INTO meta (key, value) VALUES ('sla_fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            [.text(fingerprint)])
    }

    @discardableResult
    public func recomputeDeadlines() throws -> Int {
        try session.transaction {
            var policies: [String: SLAPolicy] = [:]
            let rows = try session.query("""
                SELECT id, status, created_at, first_response_at, awaiting_since, first_customer_at, sla_pauses, sla_due, tier_id, customer_id
                FROM conversations WHERE is_open
                """)
            for row in rows {
                let tierID = try row.text("tier_id"), customerID = try row.textOrNil("customer_id")
                let key = tierID + "\u{1}" + (customerID ?? "")
                let policy = try policies[key] ?? slaPolicy(tierID: tierID, customerID: customerID)
                policies[key] = policy
                let due = SLAClock.deadlines(policy: policy, clock: try Self.clock(row), counter: SLACalendarClock(policy.calendar)).due
                    .map(PostgresSession.seconds)
                if due != (try row.intOrNil("sla_due")) {
                    try session.execute("UPDATE conversations SET sla_due = $1 WHERE id = $2", [.int(due), .int(try row.int("id"))])
                }
            }
            return rows.count
        }
    }

    /// The policy conversations of `customerID` on `tierID` count under. Throws `StoreError.unknownTier`.
    func slaPolicy(tierID: String, customerID: String?) throws -> SLAPolicy {
        guard let row = try session.query("""
            SELECT t.first_response_s, t.next_response_s, t.resolution_s, t.pause_on_hold, t.warn_before_s,
                k.id AS calendar, k.tz AS calendar_tz, k.hours AS calendar_hours, k.holidays AS calendar_holidays
            FROM tiers t
            LEFT JOIN customers u ON u.id = $1
            LEFT JOIN sla_calendars k ON k.id = CASE WHEN u.id IS NULL THEN t.calendar_id ELSE u.calendar_id END
            WHERE t.id = $2
            """, [.text(customerID), .text(tierID)]).first else {
            throw StoreError.unknownTier(tierID)
        }
        var calendar: BusinessCalendar?
        if let id = try row.textOrNil("calendar"), let zone = TimeZone(identifier: try row.text("calendar_tz")) {
            let hours = try row.text("calendar_hours").split(separator: ";").map(String.init)
            let holidays = BusinessCalendar.parseHolidays(try row.text("calendar_holidays").split(separator: ",").map(String.init))
            calendar = try? BusinessCalendar(id: id, zone: zone, hours: hours, holidays: holidays?.dates ?? [], yearlyHolidays: holidays?.yearly ?? [])
        }
        return SLAPolicy(firstResponse: try row.int("first_response_s"), nextResponse: try row.int("next_response_s"),
                         resolution: try row.intOrNil("resolution_s"), pauseOnHold: try row.bool("pause_on_hold"),
                         warnBefore: try row.int("warn_before_s"), calendar: calendar)
    }

    func slaDue(_ clock: ConversationClock, tierID: String, customerID: String?) throws -> Int64? {
        let policy = try slaPolicy(tierID: tierID, customerID: customerID)
        return SLAClock.deadlines(policy: policy, clock: clock, counter: SLACalendarClock(policy.calendar)).due.map(PostgresSession.seconds)
    }
}
