import Foundation

/// Which calendar each tier and customer counts its SLA in, from the config's `hours` keys.
extension TeamConfig {
    /// The zone of `hours = "business"` for a customer without its own `tz`: the first region's, else UTC.
    public var defaultBusinessZone: TimeZone { regions.first?.timeZone ?? TimeZone(identifier: "UTC")! }

    /// The calendar conversations of `customer` on `tier` count in; nil: around the clock.
    /// The customer's `hours` wins over the tier's; "business" is Mon-Fri 09:00-17:00 in the
    /// customer's zone, else the first region's, and is named `business:ZONE`.
    public func slaCalendar(tier: Tier, customer: Customer?) -> BusinessCalendar? {
        let hours = customer?.hours ?? tier.hours
        switch hours {
        case "24x7": return nil
        case "business":
            let zone = customer?.timeZone ?? defaultBusinessZone
            return .business(zone: zone, id: "business:" + zone.identifier)
        default: return calendars.first { $0.id == hours }
        }
    }

    /// Every calendar some tier or customer counts in, each once, in a stable order.
    public var slaCalendarsInUse: [BusinessCalendar] {
        var seen: Set<String> = []
        var result: [BusinessCalendar] = []
        let all = tiers.map { slaCalendar(tier: $0, customer: nil) }
            + customers.map { customer in tier(customer.tier).flatMap { slaCalendar(tier: $0, customer: customer) } }
        for calendar in all.compactMap({ $0 }) where seen.insert(calendar.id).inserted { result.append(calendar) }
        return result.sorted { $0.id < $1.id }
    }

    /// A digest of everything deadlines depend on (targets, pauses, calendars, holidays, who
    /// counts in which): when it changes, open conversations' deadlines are worked out again.
    /// FNV-1a 64 of a canonical text, in hex; stable across processes and builds.
    public var slaFingerprint: String {
        var text = "sla-v1\n"
        for tier in tiers.sorted(by: { $0.id < $1.id }) {
            text += "tier \(tier.id) \(tier.firstResponse) \(tier.nextResponse) \(tier.resolution.map(String.init) ?? "-") "
            text += "\(tier.pauseOnHold) \(tier.warnBefore) \(slaCalendar(tier: tier, customer: nil)?.id ?? "24x7")\n"
        }
        for customer in customers.sorted(by: { $0.id < $1.id }) {
            let calendar = tier(customer.tier).flatMap { slaCalendar(tier: $0, customer: customer) }
            text += "customer \(customer.id) \(calendar?.id ?? "24x7")\n"
        }
        for calendar in slaCalendarsInUse {
            text += "calendar \(calendar.id) \(calendar.zone.identifier) \(calendar.hoursEntries.joined(separator: ";")) "
            text += calendar.holidayEntries.joined(separator: ",") + "\n"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
