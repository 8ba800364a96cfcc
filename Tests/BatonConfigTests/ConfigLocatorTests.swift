import XCTest
@testable import BatonConfig

final class ConfigLocatorTests: XCTestCase {
    private func candidates(explicit: String? = nil, _ environment: [String: String] = [:]) -> [String] {
        ConfigLocator.candidates(explicit: explicit, environment: environment, currentDirectory: "/home/ana/work", home: "/home/ana")
    }

    func testSearchOrderWithoutExplicitChoices() {
        XCTAssertEqual(candidates(["XDG_CONFIG_HOME": "/home/ana/.xdg"]), [
            "/home/ana/work/baton.toml",
            "/home/ana/.xdg/baton/baton.toml",
            "/etc/baton/baton.toml",
        ])
    }

    func testXDGConfigHomeDefaultsToDotConfig() {
        XCTAssertEqual(candidates(), ["/home/ana/work/baton.toml", "/home/ana/.config/baton/baton.toml", "/etc/baton/baton.toml"])
        XCTAssertEqual(candidates(["XDG_CONFIG_HOME": ""])[1], "/home/ana/.config/baton/baton.toml", "empty means unset")
    }

    func testEnvironmentVariableComesBeforeTheSearch() {
        XCTAssertEqual(candidates(["BATON_CONFIG": "/opt/team/baton.toml", "XDG_CONFIG_HOME": "/x"]), ["/opt/team/baton.toml"])
    }

    func testEmptyEnvironmentVariableIsIgnored() {
        XCTAssertEqual(candidates(["BATON_CONFIG": ""]).first, "/home/ana/work/baton.toml")
    }

    func testExplicitPathComesFirstOfAll() {
        XCTAssertEqual(candidates(explicit: "./mine.toml", ["BATON_CONFIG": "/opt/team/baton.toml"]), ["./mine.toml"])
    }

    func testLocateReturnsAnExplicitPathEvenWhenMissing() {
        XCTAssertEqual(ConfigLocator.locate(explicit: "/nonexistent/baton.toml", environment: [:]), "/nonexistent/baton.toml")
        XCTAssertEqual(ConfigLocator.locate(explicit: nil, environment: ["BATON_CONFIG": "/nonexistent/env.toml"]), "/nonexistent/env.toml")
    }

    func testLocateFindsTheFileInXDGConfigHome() throws {
        try XCTSkipIf(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/baton.toml"),
                      "a baton.toml in the working folder would come first")
        let home = NSTemporaryDirectory() + "baton-xdg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/baton", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        XCTAssertNotEqual(ConfigLocator.locate(explicit: nil, environment: ["XDG_CONFIG_HOME": home]), home + "/baton/baton.toml")
        FileManager.default.createFile(atPath: home + "/baton/baton.toml", contents: Data())
        XCTAssertEqual(ConfigLocator.locate(explicit: nil, environment: ["XDG_CONFIG_HOME": home]), home + "/baton/baton.toml")
    }
}
