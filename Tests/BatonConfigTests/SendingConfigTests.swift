import BatonConfig
import XCTest

final class SendingConfigTests: XCTestCase {
    func testEmailAndSlackTablesAreReadWithDefaults() throws {
        let none = try SendingConfig.parse("", file: "/srv/team/baton.toml")
        XCTAssertEqual(none.sendmail, ["/usr/sbin/sendmail", "-oi", "-t"])
        XCTAssertEqual(none.slackAPIURL, "https://slack.com/api")
        let config = try SendingConfig.parse("""
            [email]
            from = "Support <support@example-corp.com>"
            sendmail = "msmtp -a 'team box' -t"
            [slack]
            api_url = "http://127.0.0.1:9/api/"
            bot_token_file = "secrets/bot"
            """, file: "/srv/team/baton.toml")
        XCTAssertEqual(config.emailFrom, ["Support <support@example-corp.com>"])
        XCTAssertEqual(config.sendmail, ["msmtp", "-a", "team box", "-t"])
        XCTAssertEqual(config.slackAPIURL, "http://127.0.0.1:9/api")
        XCTAssertEqual(config.slackBotTokenFile, "/srv/team/secrets/bot")
        XCTAssertEqual(try SendingConfig.parse("[email]\nfrom = [\"a@x.io\", \"b@x.io\"]\n", file: "/x/baton.toml").emailFrom, ["a@x.io", "b@x.io"])
    }

    func testBadValuesNameTheFileAndKey() {
        func error(_ text: String) -> String? {
            do { _ = try ConfigFile.parse(text, file: "/x/baton.toml"); return nil } catch { return "\(error)" }
        }
        XCTAssertEqual(error("[email]\nfrom = \"support\"\n"), "/x/baton.toml: email.from: \"support\" is not an email address, like \"Support <support@example.com>\"")
        XCTAssertEqual(error("[email]\nsendmail = \"sendmail 'oops\"\n"), "/x/baton.toml: email.sendmail: a single quote is not closed in: sendmail 'oops")
        XCTAssertEqual(error("[email]\nform = \"a@b.c\"\n"), "/x/baton.toml: email.form: unknown key")
        XCTAssertEqual(error("[slack]\napi_url = \"slack.com\"\n"), "/x/baton.toml: slack.api_url: \"slack.com\" is not an http(s) address, like \"https://slack.com/api\"")
        XCTAssertNil(error("[email]\nfrom = \"a@b.c\"\n[slack]\nbot_token_file = \"t\"\n"), "the team's config accepts both tables")
    }
}

final class SampleConfigTests: XCTestCase {
    /// contrib/baton.toml is what a team copies first: it must load as it stands.
    func testTheSampleConfigForATwoRegionTeamLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("contrib/baton.toml").path
        let team = try ConfigFile.load(path: path)
        XCTAssertEqual(team.regions.map(\.id), ["europe", "us"])
        XCTAssertEqual(try SendingConfig.load(path: path).emailFrom.count, 2)
    }
}
