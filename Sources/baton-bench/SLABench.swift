import BatonConfig
import BatonCore
import BatonStore
import Foundation

/// Issue 12's figures and its exhaustive check: the calendar arithmetic for every hour of
/// 2026 and 2027 in three zones against an independent count; working out again the
/// deadlines of 100,000 open conversations; and `baton sla explain` from start to exit.
enum SLABench {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney"]

    static func run(baton: String, folder: String) throws {
        try exhaustiveCheck()
        try recomputeAndExplain(baton: baton, folder: folder)
    }

    // MARK: every hour of 2026 and 2027

    /// For each zone, two calendars (office hours with holidays; odd windows inside the hours
    /// DST skips and repeats, and one ending at 24:00), and every whole hour of 2026 and 2027
    /// as a start, with targets of 1 h and 4 h 30 min: SLACalendarClock's deadline must equal
    /// the one read off a minute map of the two years that Foundation's Gregorian calendar
    /// drew (every window and DST change here falls on a quarter hour, so the map is kept at
    /// quarter hours). Any difference ends the bench with the case that differs.
    static func exhaustiveCheck() throws {
        let from = Int64(1_767_225_600)  // 2026-01-01T00:00:00Z
        let to = Int64(1_830_297_600)    // 2028-01-01T00:00:00Z
        let mapEnd = to + 30 * 86_400
        let quarter: Int64 = 900
        var checked = 0
        let elapsed = seconds {
            for name in zones {
                let zone = TimeZone(identifier: name)!
                let holidays: Set<LocalDate> = ["2026-04-03", "2026-12-24", "2026-12-25", "2027-03-26", "2027-12-24"].reduce(into: []) { $0.insert(LocalDate(parsing: $1)!) }
                let calendars = [
                    try! BusinessCalendar(id: "office", zone: zone, hours: ["mon-fri 09:00-17:00"], holidays: holidays,
                                          yearlyHolidays: [BusinessCalendar.YearlyDay(month: 1, day: 1)]),
                    try! BusinessCalendar(id: "odd", zone: zone, hours: ["sun 01:30-02:30", "sun 02:45-03:15", "mon-sat 22:00-24:00", "wed 00:00-00:15"]),
                ]
                for calendar in calendars {
                    var gregorian = Calendar(identifier: .gregorian)
                    gregorian.timeZone = zone
                    // prefix[i]: open quarters before quarter i of the map.
                    let count = Int((mapEnd - from) / quarter)
                    var prefix = [Int32](repeating: 0, count: count + 1)
                    for index in 0..<count {
                        let parts = gregorian.dateComponents([.year, .month, .day, .weekday, .hour, .minute],
                                                             from: Date(timeIntervalSince1970: TimeInterval(from + Int64(index) * quarter)))
                        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
                        let minute = parts.hour! * 60 + parts.minute!
                        let holiday = calendar.holidays.contains(date) || calendar.yearlyHolidays.contains(.init(month: date.month, day: date.day))
                        let open = !holiday && calendar.week[(parts.weekday! + 5) % 7].contains { $0.start <= minute && minute < $0.end }
                        prefix[index + 1] = prefix[index] + (open ? 1 : 0)
                    }
                    let counter = SLACalendarClock(calendar)
                    for start in stride(from: from, to: to, by: 3_600) {
                        for target in [Int64(3_600), 16_200] {
                            let first = Int((start - from) / quarter)
                            let wanted = prefix[first] + Int32(target / quarter)
                            // The first quarter i whose end brings the count to `wanted`.
                            var low = first, high = count
                            while low < high {
                                let middle = (low + high) / 2
                                if prefix[middle + 1] >= wanted { high = middle } else { low = middle + 1 }
                            }
                            let expected = low < count ? from + Int64(low + 1) * quarter : nil
                            let actual = counter.deadline(start: start, target: target)
                            if actual != expected {
                                fatalError("SLA check: \(name) \(calendar.id) from \(start) for \(target) s: \(String(describing: actual)), independent count \(String(describing: expected))")
                            }
                            checked += 1
                        }
                    }
                }
            }
        }
        print(String(format: "SLA calendar check: %d deadlines (every hour of 2026-2027, 3 zones, 2 calendars, 2 targets) equal an independent count, in %.1f s",
                     checked, elapsed))
    }

    // MARK: recompute and explain

    static let open = 100_000

    static func config(holiday: String) -> String {
        """
        store = "sla.sqlite"
        [[calendar]]
        id = "berlin-office"
        tz = "Europe/Berlin"
        hours = ["mon-fri 09:00-17:00"]
        holidays = ["\(holiday)"]
        [[tier]]
        id = "enterprise"
        first_response = "1h"
        next_response = "4h"
        resolution = "3d"
        [[tier]]
        id = "pro"
        first_response = "4h"
        next_response = "1d"
        hours = "berlin-office"
        [[tier]]
        id = "free"
        first_response = "2d"
        hours = "business"
        [[engineer]]
        id = "ana"
        region = "europe"
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        roster = ["ana"]
        [[customer]]
        id = "acme"
        tier = "enterprise"
        [[customer]]
        id = "globex"
        tier = "pro"
        [[customer]]
        id = "initech"
        tier = "free"
        tz = "America/New_York"
        """
    }

    /// A store of its own holding 100,000 open conversations (built once and kept), over
    /// three tiers: around the clock, a Berlin office calendar, business hours in New York.
    static func recomputeAndExplain(baton: String, folder: String) throws {
        let configPath = folder + "/sla.toml"
        try config(holiday: "2026-12-24").write(toFile: configPath, atomically: true, encoding: .utf8)
        var team = try ConfigFile.load(path: configPath)
        let store = try openStore(location: team.storePath)
        try store.syncTeam(team)
        let now = Date()
        if try store.queueSize(QueueQuery()) < open {
            print("building the SLA bench store: \(open) open conversations ...")
            var random = SeededRandom(seed: 12)
            let customers = [("acme", "enterprise"), ("globex", "pro"), ("initech", "free")]
            let built = try seconds {
                for batchStart in stride(from: 0, to: open, by: 5_000) {
                    let batch = (batchStart..<(batchStart + 5_000)).map { index -> NewConversation in
                        let (customer, tier) = customers[index % 3]
                        let start = now.addingTimeInterval(-Double(random.next() % (10 * 86_400)))
                        var messages = [NewMessage(authorKind: .customer, authorName: "Priya", body: "help \(index)", createdAt: start)]
                        if index % 2 == 0 {
                            messages.append(NewMessage(authorKind: .team, authorName: "Ana", body: "looking", createdAt: start.addingTimeInterval(600)))
                            messages.append(NewMessage(authorKind: .customer, authorName: "Priya", body: "still", createdAt: start.addingTimeInterval(7_200)))
                        }
                        return NewConversation(externalKey: "sla:\(index)", customerID: customer, customerName: customer, tierID: tier,
                                               subject: "Conversation \(index)", source: .email, status: index % 10 == 0 ? .pending : nil,
                                               messages: messages)
                    }
                    try store.createConversations(batch, actor: "bench", at: now)
                }
            }
            print(String(format: "  built in %.1f s", built))
        }
        // Each sync changes a holiday, so each works every open deadline out again.
        var times: [Double] = []
        for run in 0..<5 {
            try config(holiday: run % 2 == 0 ? "2026-12-31" : "2026-12-24").write(toFile: configPath, atomically: true, encoding: .utf8)
            team = try ConfigFile.load(path: configPath)
            times.append(try seconds { try store.syncTeam(team) })
        }
        print(String(format: "SLA recompute, %d open conversations, config change to committed (median of 5): %.2f s",
                     try store.queueSize(QueueQuery()), median(times)))

        let id = try store.queueWindow(QueueQuery(), offset: 0, limit: 1).first?.id ?? 1
        var explain: [Double] = []
        for _ in 0..<21 { explain.append(timeProcess(baton, ["sla", "explain", "--config", configPath, String(id)])) }
        print(String(format: "baton sla explain, process start to exit (median of 21): %.1f ms (max %.1f ms)", median(explain), explain.max()!))
    }
}
