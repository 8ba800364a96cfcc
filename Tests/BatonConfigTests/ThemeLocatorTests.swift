import BatonCore
import Foundation
import XCTest
@testable import BatonConfig

/// Where themes are looked for, what the error says, and the default theme built into the
/// binary (issue 11, item 6).
final class ThemeLocatorTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A lone binary in a folder with no themes anywhere near it.
    var lone: (environment: [String: String], executable: String) {
        (["XDG_CONFIG_HOME": folder + "/config"], folder + "/bin/baton")
    }

    func testTheErrorListsEveryFolderSearched() throws {
        let places = ThemeLocator.directories(configFile: folder + "/baton.toml", environment: lone.environment, executable: lone.executable)
        XCTAssertGreaterThan(places.count, 5)
        XCTAssertThrowsError(try ThemeLocator.locate("solarized", configFile: folder + "/baton.toml", environment: lone.environment, executable: lone.executable)) { error in
            let text = "\(error)"
            for place in places { XCTAssertTrue(text.contains(place), "\(place) missing from: \(text)") }
            XCTAssertTrue(text.contains("/usr/share/baton/themes"), text)
        }
    }

    func testTheDefaultThemeIsBuiltInWhenNoFileIsFound() throws {
        let theme = try ThemeLocator.load("dark", configFile: nil, environment: lone.environment, executable: lone.executable)
        let shipped = try ThemeFile.load(path: Self.repository + "/themes/dark.toml")
        XCTAssertEqual(theme[.header], shipped[.header])
        XCTAssertEqual(theme[.selected], shipped[.selected])
        XCTAssertNotEqual(theme[.header], Theme.monochrome[.header], "colors, not the monochrome fallback")
        XCTAssertThrowsError(try ThemeLocator.load("solarized", configFile: nil, environment: lone.environment, executable: lone.executable),
                             "only the default is built in")
    }

    func testAFileOnTheSearchPathWinsOverTheBuiltInTheme() throws {
        try FileManager.default.createDirectory(atPath: folder + "/config/baton/themes", withIntermediateDirectories: true)
        try "[header]\nfg = \"red\"\n".write(toFile: folder + "/config/baton/themes/dark.toml", atomically: true, encoding: .utf8)
        let theme = try ThemeLocator.load("dark", configFile: nil, environment: lone.environment, executable: lone.executable)
        XCTAssertEqual(theme[.header].foreground, try ThemeFile.parse("[header]\nfg = \"red\"\n", name: "x", file: "x")[.header].foreground)
    }

    func testTheBuiltInTextIsTheShippedFileWordForWord() throws {
        XCTAssertEqual(ThemeBuiltIn.texts["dark"], try String(contentsOfFile: Self.repository + "/themes/dark.toml", encoding: .utf8),
                       "themes/dark.toml changed: copy it into ThemeBuiltIn.swift")
    }

    /// The source tree this test file is in.
    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}
