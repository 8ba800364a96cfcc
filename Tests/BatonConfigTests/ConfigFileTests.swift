import BatonCore
import XCTest
@testable import BatonConfig

final class ConfigFileTests: XCTestCase {
    /// The design's baton.toml, with every engineer the rosters name.
    static let full = """
        store = "sqlite:///var/lib/baton/baton.sqlite"
        internal_domains = ["Example-Corp.com"]   # never counted as customers
        theme = "dark"

        [rotation]
        anchor = "2026-01-05"        # the roster counts whole lengths from this date
        length = "1w"

        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        days = ["mon", "tue", "wed", "thu", "fri"]
        roster = ["ana", "ben"]

        [[region]]
        id = "us"
        name = "Americas"
        tz = "America/New_York"
        takes_point = "09:00"
        days = ["Monday", "tue", "wed", "thu", "fri", "sat"]
        until = "20:00"
        roster = ["dave", "erin"]

        [[engineer]]
        id = "ana"
        name = "Ana"
        region = "europe"
        unix_user = "ana"
        slack_user = "U024BE7LH"

        [[engineer]]
        id = "ben"
        region = "europe"
        email = "ben@example-corp.com"

        [[engineer]]
        id = "dave"
        name = "Dave"
        region = "us"
        unix_user = "dave"

        [[engineer]]
        id = "erin"
        region = "us"

        [[tier]]
        id = "enterprise"
        first_response = "1h"
        next_response = "4h"
        hours = "24x7"

        [[tier]]
        id = "pro"
        name = "Professional"
        short = "PRO"
        first_response = "4h"
        next_response = "1d"
        hours = "business"

        [[tier]]
        id = "free"
        first_response = "2d"

        [[customer]]
        id = "acme"
        name = "Acme"
        tier = "enterprise"
        slack_channel = "C024BE91L"
        email_domains = ["ACME.io", "acme-corp.com"]
        engineer = "ana"             # the dedicated engineer
        csm = "viola"                # the customer success manager

        [[customer]]
        id = "globex"
        tier = "pro"
        """

    private func parseFull() throws -> TeamConfig { try ConfigFile.parse(Self.full, file: "/srv/team/baton.toml") }

    // MARK: a good file

    func testTopLevel() throws {
        let config = try parseFull()
        XCTAssertEqual(config.storePath, "/var/lib/baton/baton.sqlite")
        XCTAssertEqual(config.internalDomains, ["example-corp.com"])
        XCTAssertEqual(config.theme, "dark")
        XCTAssertEqual(config.rotation.settings, RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7))
    }

    func testRegions() throws {
        let config = try parseFull()
        XCTAssertEqual(config.regions.map(\.id), ["europe", "us"])
        let europe = config.regions[0]
        XCTAssertEqual(europe.name, "Europe")
        XCTAssertEqual(europe.timeZone.identifier, "Europe/Berlin")
        XCTAssertEqual(europe.takesPoint, LocalTime(hour: 7, minute: 0))
        XCTAssertEqual(europe.days, [1, 2, 3, 4, 5])
        XCTAssertNil(europe.until)
        XCTAssertEqual(europe.roster, ["ana", "ben"])
        let us = config.regions[1]
        XCTAssertEqual(us.name, "Americas")
        XCTAssertEqual(us.timeZone.identifier, "America/New_York")
        XCTAssertEqual(us.takesPoint, LocalTime(hour: 9, minute: 0))
        XCTAssertEqual(us.days, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(us.until, LocalTime(hour: 20, minute: 0))
        XCTAssertEqual(us.roster, ["dave", "erin"])
    }

    func testEngineers() throws {
        let config = try parseFull()
        XCTAssertEqual(config.engineers, [
            Engineer(id: "ana", name: "Ana", region: "europe", unixUser: "ana", slackUser: "U024BE7LH"),
            Engineer(id: "ben", name: "ben", region: "europe", email: "ben@example-corp.com"),
            Engineer(id: "dave", name: "Dave", region: "us", unixUser: "dave"),
            Engineer(id: "erin", name: "erin", region: "us"),
        ])
    }

    func testTiers() throws {
        let config = try parseFull()
        XCTAssertEqual(config.tiers.map(\.id), ["enterprise", "pro", "free"])
        XCTAssertEqual(config.tiers.map(\.rank), [0, 1, 2], "rank is the order in the file")
        XCTAssertEqual(config.tiers[0].firstResponse, 3_600)
        XCTAssertEqual(config.tiers[0].nextResponse, 14_400)
        XCTAssertEqual(config.tiers[0].hours, "24x7")
        XCTAssertEqual(config.tiers[0].name, "Enterprise")
        XCTAssertEqual(config.tiers[0].short, "ENTE")
        XCTAssertEqual(config.tiers[1].name, "Professional")
        XCTAssertEqual(config.tiers[1].short, "PRO")
        XCTAssertEqual(config.tiers[1].nextResponse, 86_400)
        XCTAssertEqual(config.tiers[1].hours, "business")
        XCTAssertEqual(config.tiers[2].firstResponse, 172_800)
        XCTAssertEqual(config.tiers[2].nextResponse, 172_800, "next_response defaults to first_response")
        XCTAssertEqual(config.tiers[2].hours, "24x7", "hours defaults to 24x7")
    }

    func testCustomers() throws {
        let config = try parseFull()
        XCTAssertEqual(config.customers, [
            Customer(id: "acme", name: "Acme", tier: "enterprise", slackChannel: "C024BE91L", emailDomains: ["acme.io", "acme-corp.com"], engineer: "ana", csm: "viola"),
            Customer(id: "globex", name: "globex", tier: "pro"),
        ])
    }

    func testTheRotationReadFromTheFileWorks() throws {
        let config = try parseFull()
        // Monday 12 January 2026, 15:00 UTC: 10:00 in New York, one week after the anchor.
        let holder = config.rotation.holder(at: Date(timeIntervalSince1970: 1_768_230_000))
        XCTAssertEqual(holder?.region, "us")
        XCTAssertEqual(holder?.engineer, "erin")
    }

    func testAnEmptyFileHasDefaults() throws {
        let config = try ConfigFile.parse("", file: "/srv/team/baton.toml")
        XCTAssertEqual(config.storePath, "/srv/team/baton.sqlite")
        XCTAssertEqual(config.internalDomains, [])
        XCTAssertNil(config.theme)
        XCTAssertEqual(config.rotation.settings, RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7))
        XCTAssertTrue(config.regions.isEmpty && config.engineers.isEmpty && config.tiers.isEmpty && config.customers.isEmpty)
    }

    func testRotationAnchorAsATOMLDateAndOtherLengths() throws {
        let config = try ConfigFile.parse("[rotation]\nanchor = 2025-12-29\nlength = \"2w\"\n", file: "/x/baton.toml")
        XCTAssertEqual(config.rotation.settings, RotationSettings(anchor: LocalDate(year: 2025, month: 12, day: 29), lengthDays: 14))
        let days = try ConfigFile.parse("[rotation]\nlength = \"3d\"\n", file: "/x/baton.toml")
        XCTAssertEqual(days.rotation.settings.lengthDays, 3)
    }

    func testEngineersMayNameAnyRegionWhenThereAreNoRegions() throws {
        let config = try ConfigFile.parse("[[engineer]]\nid = \"solo\"\nregion = \"anywhere\"\n", file: "/x/baton.toml")
        XCTAssertEqual(config.engineers.map(\.region), ["anywhere"])
    }

    // MARK: the store path

    private func store(_ line: String, file: String = "/srv/team/baton.toml") throws -> String {
        try ConfigFile.parse(line, file: file).storePath
    }

    func testStorePathIsResolvedAgainstTheConfigFolder() throws {
        XCTAssertEqual(try store("store = \"demo.sqlite\""), "/srv/team/demo.sqlite")
        XCTAssertEqual(try store("store = \"data/baton.sqlite\""), "/srv/team/data/baton.sqlite")
        XCTAssertEqual(try store("store = \"../shared/baton.sqlite\"", file: "/srv/team/conf/baton.toml"), "/srv/team/conf/../shared/baton.sqlite")
        XCTAssertEqual(try store("store = \"/var/lib/baton/b.sqlite\""), "/var/lib/baton/b.sqlite")
    }

    func testStoreWithTheSQLitePrefix() throws {
        XCTAssertEqual(try store("store = \"sqlite:///var/lib/baton/baton.sqlite\""), "/var/lib/baton/baton.sqlite")
        XCTAssertEqual(try store("store = \"sqlite://demo.sqlite\""), "/srv/team/demo.sqlite", "a relative path after the prefix")
    }

    func testStoreInTheHomeFolder() throws {
        XCTAssertEqual(try store("store = \"~/baton.sqlite\""), NSHomeDirectory() + "/baton.sqlite")
    }

    func testStoreBesideAConfigNamedWithoutAFolder() throws {
        XCTAssertEqual(try store("store = \"b.sqlite\"", file: "baton.toml"), FileManager.default.currentDirectoryPath + "/b.sqlite")
    }

    func testStoreOfAnotherKindIsAnError() {
        assertConfigError("store = \"mysql://db.example/baton\"", key: "store", "mysql://db.example/baton", "sqlite://")
    }

    /// A PostgreSQL URL is kept as written (issue 16): no folder is put in front of it.
    func testPostgresStoreIsKeptAsWritten() throws {
        XCTAssertEqual(try store("store = \"postgres://baton@db.example:5433/baton?sslmode=require\""),
                       "postgres://baton@db.example:5433/baton?sslmode=require")
        XCTAssertEqual(try store("store = \"postgresql://db.example/baton\""), "postgresql://db.example/baton")
    }

    func testStoreMustBeAString() {
        assertConfigError("store = 5", key: "store", "expected a string", "a number")
    }

    // MARK: bad files

    func testTheDesignSketchNamesMissingEngineers() {
        // The sketch in DESIGN.md lists only ana and dave as engineers, but the rosters name ben and erin.
        let sketch = Self.full.replacingOccurrences(of: "[[engineer]]\nid = \"ben\"\nregion = \"europe\"\nemail = \"ben@example-corp.com\"\n", with: "")
        XCTAssertNotEqual(sketch, Self.full)
        guard let error = configError(sketch) else { return }
        XCTAssertTrue(error.key.hasPrefix("region[1].roster["), error.key)
        XCTAssertTrue(error.message.contains("\"ben\""), error.message)
    }

    func testUnknownTopLevelKey() {
        assertConfigError("stor = \"x.sqlite\"", key: "stor", "unknown key")
    }

    func testUnknownKeyInARegionNamesItsPlace() {
        let text = Self.full.replacingOccurrences(of: "until = \"20:00\"", with: "until = \"20:00\"\ncolour = \"blue\"")
        assertConfigError(text, key: "region[2].colour", "unknown key")
    }

    func testUnknownKeysInOtherTables() {
        assertConfigError("[rotation]\nlenght = \"1w\"", key: "rotation.lenght", "unknown key")
        assertConfigError("[[tier]]\nid = \"t\"\nfirst_response = \"1h\"\nfirst_reponse = \"1h\"", key: "tier[1].first_reponse", "unknown key")
        assertConfigError("[[engineer]]\nid = \"e\"\nregion = \"r\"\nslack = \"U1\"", key: "engineer[1].slack", "unknown key")
        assertConfigError("[[tier]]\nid = \"t\"\nfirst_response = \"1h\"\n[[customer]]\nid = \"c\"\ntier = \"t\"\ndomains = []", key: "customer[1].domains", "unknown key")
    }

    func testUnknownTimeZone() {
        let text = Self.full.replacingOccurrences(of: "America/New_York", with: "America/Gotham")
        assertConfigError(text, key: "region[2].tz", "unknown time zone", "America/Gotham")
    }

    func testBadDuration() {
        let text = Self.full.replacingOccurrences(of: "first_response = \"4h\"", with: "first_response = \"four hours\"")
        assertConfigError(text, key: "tier[2].first_response", "\"four hours\"", "not a duration")
        assertConfigError("[rotation]\nlength = \"weekly\"", key: "rotation.length", "not a duration")
    }

    func testRotationLengthMustBeWholeDays() {
        assertConfigError("[rotation]\nlength = \"36h\"", key: "rotation.length", "whole days")
    }

    func testBadAnchor() {
        assertConfigError("[rotation]\nanchor = \"2026-02-30\"", key: "rotation.anchor", "date")
        assertConfigError("[rotation]\nanchor = 20260105", key: "rotation.anchor", "date")
    }

    func testBadTime() {
        let text = Self.full.replacingOccurrences(of: "takes_point = \"07:00\"", with: "takes_point = \"7am\"")
        assertConfigError(text, key: "region[1].takes_point", "\"7am\"", "not a time of day")
        let until = Self.full.replacingOccurrences(of: "until = \"20:00\"", with: "until = \"24:00\"")
        assertConfigError(until, key: "region[2].until", "\"24:00\"", "not a time of day")
    }

    func testBadWeekday() {
        let text = Self.full.replacingOccurrences(of: "days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]", with: "days = [\"mon\", \"tues\"]")
        guard let error = configError(text) else { return }
        XCTAssertTrue(error.key.hasPrefix("region[1].days["), error.key)
        XCTAssertTrue(error.message.contains("\"tues\""), error.message)
    }

    func testMissingRequiredKeys() {
        assertConfigError("[[region]]\nid = \"eu\"\ntakes_point = \"07:00\"", key: "region[1].tz", "missing")
        assertConfigError("[[region]]\nid = \"eu\"\ntz = \"UTC\"", key: "region[1].takes_point", "missing")
        assertConfigError("[[tier]]\nid = \"t\"", key: "tier[1].first_response", "missing")
        assertConfigError("[[tier]]\nfirst_response = \"1h\"", key: "tier[1].id", "missing")
        assertConfigError("[[tier]]\nid = \"\"\nfirst_response = \"1h\"", key: "tier[1].id", "empty")
    }

    func testBadHours() {
        assertConfigError("[[tier]]\nid = \"t\"\nfirst_response = \"1h\"\nhours = \"9to5\"", key: "tier[1].hours", "\"9to5\"")
    }

    func testUnknownTierReference() {
        let text = Self.full.replacingOccurrences(of: "tier = \"pro\"", with: "tier = \"platinum\"")
        assertConfigError(text, key: "customer[2].tier", "\"platinum\"", "[[tier]]")
    }

    func testUnknownEngineerReferences() {
        let customer = Self.full.replacingOccurrences(of: "engineer = \"ana\"", with: "engineer = \"anna\"")
        assertConfigError(customer, key: "customer[1].engineer", "\"anna\"", "[[engineer]]")
        let region = Self.full.replacingOccurrences(of: "region = \"us\"\nunix_user = \"dave\"", with: "region = \"usa\"\nunix_user = \"dave\"")
        assertConfigError(region, key: "engineer[3].region", "\"usa\"", "[[region]]")
        let roster = Self.full.replacingOccurrences(of: "roster = [\"dave\", \"erin\"]", with: "roster = [\"dave\", \"zoe\"]")
        guard let error = configError(roster) else { return }
        XCTAssertTrue(error.key.hasPrefix("region[2].roster["), error.key)
        XCTAssertTrue(error.message.contains("\"zoe\""), error.message)
    }

    func testDuplicateIDs() {
        assertConfigError(Self.full + "\n[[tier]]\nid = \"pro\"\nfirst_response = \"1h\"\n", key: "tier[4].id", "\"pro\"", "earlier")
        assertConfigError(Self.full + "\n[[engineer]]\nid = \"ana\"\nregion = \"us\"\n", key: "engineer[5].id", "\"ana\"", "earlier")
        assertConfigError(Self.full + "\n[[region]]\nid = \"europe\"\ntz = \"UTC\"\ntakes_point = \"12:00\"\n", key: "region[3].id", "\"europe\"", "earlier")
        assertConfigError(Self.full + "\n[[customer]]\nid = \"acme\"\ntier = \"pro\"\n", key: "customer[3].id", "\"acme\"", "earlier")
    }

    func testWrongTypes() {
        assertConfigError("internal_domains = \"example.com\"", key: "internal_domains", "array")
        assertConfigError("internal_domains = [\"a.com\", 3]", key: "internal_domains[1]", "expected a string", "a number")
        assertConfigError("rotation = 7", key: "rotation", "table")
        assertConfigError("[[region]]\nid = \"eu\"\ntz = \"UTC\"\ntakes_point = 700", key: "region[1].takes_point", "expected a string")
        assertConfigError("region = \"eu\"", key: "region", "[[region]]")
    }

    func testTOMLSyntaxErrorNamesTheLine() {
        let text = "store = \"a.sqlite\"\n\n[rotation\nlength = \"1w\"\n"
        guard let error = configError(text) else { return }
        XCTAssertEqual(error.file, "/srv/team/baton.toml")
        XCTAssertEqual(error.key, "")
        XCTAssertTrue(error.message.hasPrefix("line 3,"), error.message)
        XCTAssertEqual(error.description, "/srv/team/baton.toml: " + error.message)
    }

    func testTOMLSyntaxErrorOnALaterLine() {
        let text = Self.full + "\noops = \n"
        guard let error = configError(text) else { return }
        let lines = Self.full.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        XCTAssertTrue(error.message.hasPrefix("line \(lines),"), "expected line \(lines): \(error.message)")
    }

    func testErrorDescription() {
        XCTAssertEqual(ConfigError(file: "/a/baton.toml", key: "region[2].tz", message: "unknown time zone").description,
                       "/a/baton.toml: region[2].tz: unknown time zone")
        XCTAssertEqual(ConfigError(file: "/a/baton.toml", key: "", message: "no such file").description, "/a/baton.toml: no such file")
    }

    // MARK: load

    func testLoadReadsTheFileAndResolvesTheStoreBesideIt() throws {
        let folder = NSTemporaryDirectory() + "baton-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/baton.toml"
        try "store = \"team.sqlite\"\n[[tier]]\nid = \"pro\"\nfirst_response = \"4h\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(path: path)
        XCTAssertEqual(config.storePath, folder + "/team.sqlite")
        XCTAssertEqual(config.tiers.map(\.id), ["pro"])
    }

    func testLoadOfAMissingFileNamesIt() {
        let path = "/nonexistent-\(UUID().uuidString)/baton.toml"
        XCTAssertThrowsError(try ConfigFile.load(path: path)) { error in
            XCTAssertEqual(error as? ConfigError, ConfigError(file: path, key: "", message: "no such file"))
        }
    }

    func testLoadOfAFileThatIsNotText() throws {
        let path = NSTemporaryDirectory() + "baton-\(UUID().uuidString).toml"
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try ConfigFile.load(path: path)) { error in
            XCTAssertEqual((error as? ConfigError)?.file, path)
            XCTAssertEqual((error as? ConfigError)?.message, "cannot be read as UTF-8 text")
        }
    }
}
