import BatonCore
import Foundation
import GRDB

/// The SLA side of the store: calendars and targets synced from the config, the policy a
/// conversation counts under, and deadlines worked out again when the config changes.
extension SQLiteStore {
    /// Writes the SLA columns of tiers and customers and the calendars in use; when the
    /// fingerprint differs from the stored one, recomputes every open conversation's
    /// deadline and stores the new fingerprint. Runs inside syncTeam's transaction.
    func syncSLA(_ team: TeamConfig, in db: Database) throws {
        let fingerprint = team.slaFingerprint
        guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'sla_fingerprint'") != fingerprint else { return }
        for tier in team.tiers {
            try db.execute(sql: """
                UPDATE tiers SET resolution_s = ?, pause_on_hold = ?, warn_before_s = ?, calendar_id = ? WHERE id = ?
                """, arguments: [tier.resolution, tier.pauseOnHold, tier.warnBefore, team.slaCalendar(tier: tier, customer: nil)?.id, tier.id])
        }
        for customer in team.customers {
            let calendar = team.tier(customer.tier).flatMap { team.slaCalendar(tier: $0, customer: customer) }
            try db.execute(sql: "UPDATE customers SET calendar_id = ? WHERE id = ?", arguments: [calendar?.id, customer.id])
        }
        try db.execute(sql: "DELETE FROM sla_calendars")
        for calendar in team.slaCalendarsInUse {
            try db.execute(sql: "INSERT INTO sla_calendars (id, tz, hours, holidays) VALUES (?, ?, ?, ?)",
                           arguments: [calendar.id, calendar.zone.identifier, calendar.hoursEntries.joined(separator: ";"),
                                       calendar.holidayEntries.joined(separator: ",")])
        }
        _ = try recomputeDeadlines(in: db)
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('sla_fingerprint', ?)", arguments: [fingerprint])
    }

    /// Works out again the deadline of every open conversation from its clock and policy,
    /// writing only those that moved; returns how many were looked at. One calendar
    /// counter per calendar is shared by all, so each DST transition is looked up once.
    @discardableResult
    public func recomputeDeadlines() throws -> Int {
        try write { db in try recomputeDeadlines(in: db) }
    }

    func recomputeDeadlines(in db: Database) throws -> Int {
        var policies: [String: SLAPolicy] = [:]
        var counters: [String: SLACalendarClock] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.status, c.created_at, c.first_response_at, c.awaiting_since, c.first_customer_at, c.sla_pauses,
                c.sla_due, c.tier_id, c.customer_id
            FROM conversations c WHERE c.is_open = 1
            """)
        var changes: [(Int64, Int64?)] = []
        var count = 0
        while let row = try rows.next() {
            count += 1
            let tierID: String = row["tier_id"]
            let customerID: String? = row["customer_id"]
            let key = tierID + "\u{1}" + (customerID ?? "")
            let policy: SLAPolicy
            if let known = policies[key] { policy = known } else {
                policy = try slaPolicy(tierID: tierID, customerID: customerID, in: db)
                policies[key] = policy
            }
            let calendarKey = policy.calendar?.id ?? ""
            let counter = counters[calendarKey] ?? SLACalendarClock(policy.calendar)
            counters[calendarKey] = counter
            let due = SLAClock.deadlines(policy: policy, clock: Self.clock(row), counter: counter).due.map(Self.seconds)
            if due != row["sla_due"] { changes.append((row["id"], due)) }
        }
        let update = try db.cachedStatement(sql: "UPDATE conversations SET sla_due = ? WHERE id = ?")
        for (id, due) in changes { try update.execute(arguments: [due, id]) }
        return count
    }

    /// The policy conversations of `customerID` on `tierID` count under: the tier's targets and
    /// the customer's calendar (resolved at sync), or the tier's when the customer is unknown.
    /// One cached statement: every message an import stores asks this.
    func slaPolicy(tierID: String, customerID: String?, in db: Database) throws -> SLAPolicy {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT t.first_response_s, t.next_response_s, t.resolution_s, t.pause_on_hold, t.warn_before_s,
                k.id AS calendar, k.tz AS calendar_tz, k.hours AS calendar_hours, k.holidays AS calendar_holidays
            FROM tiers t
            LEFT JOIN customers u ON u.id = ?
            LEFT JOIN sla_calendars k ON k.id = CASE WHEN u.id IS NULL THEN t.calendar_id ELSE u.calendar_id END
            WHERE t.id = ?
            """), arguments: [customerID, tierID]) else {
            throw StoreError.unknownTier(tierID)
        }
        var calendar: BusinessCalendar?
        if let id: String = row["calendar"], let zone = TimeZone(identifier: row["calendar_tz"]) {
            // Written by syncSLA from a checked config; a row that no longer reads counts around the clock.
            let hours = (row["calendar_hours"] as String).split(separator: ";").map(String.init)
            let holidays = BusinessCalendar.parseHolidays((row["calendar_holidays"] as String).split(separator: ",").map(String.init))
            calendar = try? BusinessCalendar(id: id, zone: zone, hours: hours, holidays: holidays?.dates ?? [], yearlyHolidays: holidays?.yearly ?? [])
        }
        return SLAPolicy(firstResponse: row[0], nextResponse: row[1], resolution: row[2], pauseOnHold: row[3], warnBefore: row[4], calendar: calendar)
    }

    /// The deadline the queue sorts by for `clock`, under the conversation's policy.
    func slaDue(_ clock: ConversationClock, tierID: String, customerID: String?, in db: Database) throws -> Int64? {
        let policy = try slaPolicy(tierID: tierID, customerID: customerID, in: db)
        return SLAClock.deadlines(policy: policy, clock: clock, counter: SLACalendarClock(policy.calendar)).due.map(Self.seconds)
    }

    /// A conversation's clock from its row (`SELECT *` or the recompute's columns).
    static func clock(_ row: Row) -> ConversationClock {
        ConversationClock(status: ConversationStatus(rawValue: row["status"]) ?? .open, createdAt: date(row["created_at"]),
                          firstResponseAt: (row["first_response_at"] as Int64?).map(date),
                          awaitingSince: (row["awaiting_since"] as Int64?).map(date),
                          firstCustomerAt: (row["first_customer_at"] as Int64?).map(date),
                          pauses: SLAPause.decode((row["sla_pauses"] as String?) ?? ""))
    }

    /// How a conversation's deadline came about, for `baton sla explain`, with the
    /// conversation as the queue lists it; one read.
    public func slaExplanation(_ id: Int64, now: Date) throws -> (row: QueueRow, explanation: SLAExplanation) {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.rowSelect) WHERE c.id = ?", arguments: [id]) else {
                throw StoreError.notFound(conversation: id)
            }
            let tierID: String = row["tier_id"]
            let policy = try slaPolicy(tierID: tierID, customerID: row["customer_id"], in: db)
            return (Self.queueRow(row), SLAExplanation.make(conversation: id, tier: tierID, policy: policy, clock: Self.clock(row), now: now))
        }
    }
}
