import BatonCore
import Foundation
import XCTest
@testable import BatonConfig

/// `[[calendar]]`, the tier's SLA keys and the customer's hours and tz, as baton.toml writes them.
final class CalendarConfigTests: XCTestCase {
    static let base = """
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"

        [[calendar]]
        id = "berlin-business"
        tz = "Europe/Berlin"
        hours = ["mon-fri 09:00-17:00", "sat 10:00-14:00"]
        holidays = ["2026-12-24", "2026-12-25"]

        [[tier]]
        id = "pro"
        first_response = "4h"
        resolution = "3d"
        hours = "berlin-business"
        pause_on_hold = false
        warn_before = "30m"

        [[tier]]
        id = "free"
        first_response = "2d"
        hours = "business"

        [[customer]]
        id = "kaito"
        tier = "free"
        tz = "Asia/Tokyo"

        [[customer]]
        id = "acme"
        tier = "pro"
        hours = "24x7"

        """

    func testCalendarsTiersAndCustomers() throws {
        let config = try ConfigFile.parse(Self.base, file: "/srv/team/baton.toml")
        let calendar = try XCTUnwrap(config.calendars.first)
        XCTAssertEqual(calendar.id, "berlin-business")
        XCTAssertEqual(calendar.week[5], [BusinessCalendar.Window(start: 600, end: 840)])
        XCTAssertEqual(calendar.holidays, [LocalDate(year: 2026, month: 12, day: 24), LocalDate(year: 2026, month: 12, day: 25)])
        let pro = try XCTUnwrap(config.tier("pro"))
        XCTAssertEqual(pro.resolution, 3 * 86_400)
        XCTAssertFalse(pro.pauseOnHold)
        XCTAssertEqual(pro.warnBefore, 1_800)
        XCTAssertEqual(config.tier("free")?.warnBefore, 900, "15 minutes unless set")
        XCTAssertEqual(config.slaCalendar(tier: pro, customer: nil)?.id, "berlin-business")
        XCTAssertNil(config.slaCalendar(tier: pro, customer: config.customer("acme")), "the customer's hours win")
        XCTAssertEqual(config.slaCalendar(tier: config.tier("free")!, customer: config.customer("kaito"))?.id, "business:Asia/Tokyo")
        XCTAssertEqual(config.slaCalendar(tier: config.tier("free")!, customer: nil)?.id, "business:Europe/Berlin", "the first region's zone")
    }

    func testHolidaysFileRelativeToTheConfig() throws {
        let folder = NSTemporaryDirectory() + "baton-cal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260501\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Tag der Arbeit\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try ics.write(toFile: folder + "/de.ics", atomically: true, encoding: .utf8)
        let text = Self.base.replacingOccurrences(of: "holidays = [\"2026-12-24\", \"2026-12-25\"]", with: "holidays_file = \"de.ics\"")
        try text.write(toFile: folder + "/baton.toml", atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(path: folder + "/baton.toml")
        XCTAssertEqual(config.calendars.first?.yearlyHolidays, [BusinessCalendar.YearlyDay(month: 5, day: 1)])

        try "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261126\nRRULE:FREQ=MONTHLY\nEND:VEVENT\nEND:VCALENDAR\n".write(toFile: folder + "/de.ics", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ConfigFile.load(path: folder + "/baton.toml")) { error in
            let config = error as? ConfigError
            XCTAssertEqual(config?.key, "calendar[1].holidays_file")
            XCTAssertTrue(config?.message.contains("line 4") == true, config?.message ?? "")
        }
        try FileManager.default.removeItem(atPath: folder + "/de.ics")
        XCTAssertThrowsError(try ConfigFile.load(path: folder + "/baton.toml")) { error in
            XCTAssertTrue((error as? ConfigError)?.message.contains("no such file") == true, "\(error)")
        }
    }

    func testEveryBadValueNamesItsKey() {
        func broken(_ old: String, _ new: String) -> String {
            XCTAssertTrue(Self.base.contains(old), old)
            return Self.base.replacingOccurrences(of: old, with: new)
        }
        assertConfigError(broken("id = \"berlin-business\"", "id = \"business\""), key: "calendar[1].id", "\"business\"", "reserved")
        assertConfigError(broken("tz = \"Europe/Berlin\"\nhours", "tz = \"Europe/Bonn\"\nhours"), key: "calendar[1].tz", "Europe/Bonn")
        assertConfigError(broken("\"sat 10:00-14:00\"", "\"sat 14:00-10:00\""), key: "calendar[1].hours[1]", "sat 14:00-10:00", "ends before")
        assertConfigError(broken("\"mon-fri 09:00-17:00\"", "\"weekdays 09:00-17:00\""), key: "calendar[1].hours[0]", "weekdays")
        assertConfigError(broken("\"2026-12-25\"]", "\"2026-12-32\"]"), key: "calendar[1].holidays[1]", "2026-12-32")
        assertConfigError(broken("hours = [\"mon-fri 09:00-17:00\", \"sat 10:00-14:00\"]", "hours = []"), key: "calendar[1].hours", "never opens")
        assertConfigError(broken("hours = \"berlin-business\"", "hours = \"berlin\""), key: "tier[1].hours", "\"berlin\"", "berlin-business")
        assertConfigError(broken("hours = \"24x7\"", "hours = \"always\""), key: "customer[2].hours", "\"always\"")
        assertConfigError(broken("tz = \"Asia/Tokyo\"", "tz = \"Tokyo\""), key: "customer[1].tz", "Tokyo")
        assertConfigError(broken("resolution = \"3d\"", "resolution = \"three days\""), key: "tier[1].resolution", "three days")
        assertConfigError(broken("warn_before = \"30m\"", "warn_before = \"soon\""), key: "tier[1].warn_before", "soon")
        assertConfigError(broken("pause_on_hold = false", "pause_on_hold = \"no\""), key: "tier[1].pause_on_hold", "true or false")
        assertConfigError(broken("holidays = [\"2026-12-24\", \"2026-12-25\"]", "holidays = [\"2026-12-24\"]\n        opens = \"09:00\""), key: "calendar[1].opens", "unknown key")
        assertConfigError(Self.base + "[[calendar]]\nid = \"berlin-business\"\ntz = \"UTC\"\nhours = [\"mon 00:00-24:00\"]\n", key: "calendar[2].id", "earlier")
    }
}
