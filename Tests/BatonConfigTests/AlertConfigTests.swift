import BatonCore
import Foundation
import XCTest
@testable import BatonConfig

/// The alert keys of issue 12: the team's and an engineer's `notify_command`, an
/// engineer's `alert`, a tier's `escalate_after`; each bad value named by file and key.
final class AlertConfigTests: XCTestCase {
    static func text(top: String = "", engineer: String = "", tier: String = "") -> String {
        """
        \(top)
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        roster = ["ana", "ben"]

        [[engineer]]
        id = "ana"
        region = "europe"
        \(engineer)

        [[engineer]]
        id = "ben"
        region = "europe"

        [[tier]]
        id = "pro"
        first_response = "4h"
        \(tier)
        """
    }

    func testTheKeysAndTheirDefaults() throws {
        let plain = try ConfigFile.parse(Self.text(), file: "/srv/team/baton.toml")
        XCTAssertNil(plain.notifyCommand)
        XCTAssertEqual(plain.engineers[0].alert, .bell, "the bell by default")
        XCTAssertEqual(plain.tiers[0].escalateAfter, 600, "ten minutes by default")

        let set = try ConfigFile.parse(Self.text(top: #"notify_command = "/usr/local/bin/page --team 'support desk'""#,
                                                 engineer: "alert = \"osc\"\nnotify_command = \"notify-ana $HOME\"",
                                                 tier: "escalate_after = \"20m\""), file: "/srv/team/baton.toml")
        XCTAssertEqual(set.notifyCommand, ["/usr/local/bin/page", "--team", "support desk"])
        XCTAssertEqual(set.engineers[0].alert, .osc)
        XCTAssertEqual(set.engineers[0].notifyCommand, ["notify-ana", "$HOME"], "no shell: $HOME stays as written")
        XCTAssertEqual(set.notifyCommand(for: "ana"), ["notify-ana", "$HOME"])
        XCTAssertEqual(set.notifyCommand(for: "ben"), ["/usr/local/bin/page", "--team", "support desk"], "the team's for the others")
        XCTAssertEqual(set.notifyCommand(for: nil), ["/usr/local/bin/page", "--team", "support desk"], "and in a gap")
        XCTAssertEqual(set.tiers[0].escalateAfter, 1_200)
        XCTAssertEqual(try ConfigFile.parse(Self.text(engineer: "alert = \"none\""), file: "/x/baton.toml").engineers[0].alert, .none)
    }

    func testEveryBadValueNamesItsKey() {
        assertConfigError(Self.text(engineer: "alert = \"loud\""), key: "engineer[1].alert", "\"loud\"", "bell", "osc", "none")
        assertConfigError(Self.text(engineer: "alert = true"), key: "engineer[1].alert", "expected a string")
        assertConfigError(Self.text(engineer: "notify_command = \"page 'me\""), key: "engineer[1].notify_command", "single quote is not closed")
        assertConfigError(Self.text(top: "notify_command = \"  \""), key: "notify_command", "no program named")
        assertConfigError(Self.text(top: "notify_command = [\"page\"]"), key: "notify_command", "expected a string")
        assertConfigError(Self.text(tier: "escalate_after = \"soon\""), key: "tier[1].escalate_after", "\"soon\" is not a duration")
        assertConfigError(Self.text(tier: "escalate_after = \"0m\""), key: "tier[1].escalate_after", "\"0m\"")
    }
}
