import Foundation
import XCTest

/// `baton serve --socket-mode` through the binaries: the app-level token's rules (Slack's own
/// name, a file only its owner reads, an `xapp-` token) and the choice between it and --listen.
extension EndToEndTests {
    func serveFailure(_ arguments: [String], environment: [String: String] = [:]) -> ShellError? {
        do {
            try Shell.run(Self.baton, arguments, environment: ["SLACK_APP_TOKEN": "", "BATON_SLACK_APP_TOKEN": ""].merging(environment) { $1 })
            XCTFail("\(arguments) started")
            return nil
        } catch {
            return error as? ShellError
        }
    }

    func testServeSocketModeRefusesABadTokenOrListeningBesideIt() throws {
        let both = serveFailure(["serve", "--socket-mode", "--listen", "127.0.0.1:0", "--config", config])
        XCTAssertEqual(both?.status, 2)
        XCTAssertEqual(both?.stderr, "baton: --listen and --socket-mode both receive Slack's events, and Slack sends them to one of the two; choose one\n")

        let misnamed = serveFailure(["serve", "--socket-mode", "--config", config], environment: ["BATON_SLACK_APP_TOKEN": "xapp-1-A0-1-x"])
        XCTAssertEqual(misnamed?.status, 2)
        XCTAssertEqual(misnamed?.stderr, "baton: no Slack app-level token: set SLACK_APP_TOKEN or [slack] app_token_file (chmod 600)"
                       + " (BATON_SLACK_APP_TOKEN is set, but the token goes by Slack's own name, SLACK_APP_TOKEN)\n")

        let bot = serveFailure(["serve", "--socket-mode", "--config", config], environment: ["SLACK_APP_TOKEN": "xoxb-1-bot"])
        XCTAssertEqual(bot?.status, 2)
        XCTAssertTrue(bot?.stderr.hasPrefix("baton: the Slack app-level token must start with xapp- ") == true, bot?.stderr ?? "")

        let file = folder + "/slack-app-token"
        try "xapp-1-A0-1-secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        try "[slack]\napp_token_file = \"slack-app-token\"\n".appendLine(toFile: config)
        let open = serveFailure(["serve", "--socket-mode", "--config", config])
        XCTAssertEqual(open?.status, 2)
        XCTAssertEqual(open?.stderr, "baton: [slack] app_token_file \(file): readable by others; chmod 600 it\n")
    }
}
