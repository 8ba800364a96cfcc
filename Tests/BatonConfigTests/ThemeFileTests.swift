import XCTest
@testable import BatonConfig

final class ThemeFileTests: XCTestCase {
    private let file = "/usr/share/baton/themes/test.toml"

    private func parse(_ text: String) throws -> Theme { try ThemeFile.parse(text, name: "test", file: file) }

    private func assertThemeError(_ text: String, key: String, _ words: String..., line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), line: line) { error in
            guard let error = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)", line: line) }
            XCTAssertEqual(error.file, file, line: line)
            XCTAssertEqual(error.key, key, error.message, line: line)
            for word in words {
                XCTAssertTrue(error.message.contains(word), "\(error.message.debugDescription) lacks \(word.debugDescription)", line: line)
            }
        }
    }

    // MARK: colors and attributes

    func testColorsByNameNumberAndDefault() throws {
        let theme = try parse("""
            [header]
            fg = "blue"
            bg = 236

            [selected]
            fg = "bright_red"
            bg = "200"

            [muted]
            fg = "grey"
            bg = "default"

            [border]
            fg = "BRIGHT_CYAN"
            bg = 0
            """)
        XCTAssertEqual(theme[.header].foreground, .indexed(4))
        XCTAssertEqual(theme[.header].background, .indexed(236))
        XCTAssertEqual(theme[.selected].foreground, .indexed(9))
        XCTAssertEqual(theme[.selected].background, .indexed(200))
        XCTAssertEqual(theme[.muted].foreground, .indexed(8))
        XCTAssertEqual(theme[.muted].background, .terminalDefault)
        XCTAssertEqual(theme[.border].foreground, .indexed(14))
        XCTAssertEqual(theme[.border].background, .indexed(0))
    }

    func testAttributes() throws {
        let theme = try parse("""
            [column_header]
            bold = true
            underline = true

            [footer]
            reverse = true
            dim = true
            bold = false
            """)
        XCTAssertEqual(theme[.columnHeader], Style(bold: true, underline: true))
        XCTAssertEqual(theme[.footer], Style(reverse: true, dim: true))
    }

    func testRolesLeftOutLookLikeNormal() throws {
        let theme = try parse("""
            [normal]
            fg = "white"
            bg = "black"

            [help_key]
            bold = true
            """)
        let normal = Style(foreground: .indexed(7), background: .indexed(0))
        XCTAssertEqual(theme.name, "test")
        XCTAssertEqual(theme[.normal], normal)
        XCTAssertEqual(theme[.helpKey], Style(bold: true), "a role given is not merged with normal")
        for role in ThemeRole.allCases where role != .normal && role != .helpKey {
            XCTAssertEqual(theme[role], normal, role.rawValue)
        }
        XCTAssertEqual(theme.styles.count, ThemeRole.allCases.count)
    }

    func testEmptyThemeIsPlain() throws {
        let theme = try parse("")
        for role in ThemeRole.allCases { XCTAssertEqual(theme[role], .plain, role.rawValue) }
    }

    func testWithoutColorKeepsAttributesOnly() throws {
        let theme = try parse("[header]\nfg = \"red\"\nbg = 4\nbold = true\nreverse = true\n")
        XCTAssertEqual(theme.withoutColor[.header], Style(bold: true, reverse: true))
        XCTAssertEqual(theme.withoutColor.name, "test")
    }

    func testColorNames() {
        XCTAssertEqual(ThemeColor(name: "default"), .terminalDefault)
        XCTAssertEqual(ThemeColor(name: "black"), .indexed(0))
        XCTAssertEqual(ThemeColor(name: "white"), .indexed(7))
        XCTAssertEqual(ThemeColor(name: "gray"), .indexed(8))
        XCTAssertEqual(ThemeColor(name: "bright_white"), .indexed(15))
        XCTAssertEqual(ThemeColor(name: "255"), .indexed(255))
        XCTAssertNil(ThemeColor(name: "256"))
        XCTAssertNil(ThemeColor(name: "-1"))
        XCTAssertNil(ThemeColor(name: "purple"))
        XCTAssertNil(ThemeColor(name: "#ff0000"))
        XCTAssertNil(ThemeColor(name: ""))
    }

    // MARK: errors

    func testUnknownRole() {
        assertThemeError("[heder]\nbold = true\n", key: "heder", "unknown key")
    }

    func testUnknownKeyInARole() {
        assertThemeError("[header]\ncolour = \"red\"\n", key: "header.colour", "unknown key")
        assertThemeError("[due_soon]\nitalic = true\n", key: "due_soon.italic", "unknown key")
    }

    func testBadColorName() {
        assertThemeError("[header]\nfg = \"purple\"\n", key: "header.fg", "\"purple\"", "not a color")
        assertThemeError("[breaching]\nbg = \"#ff0000\"\n", key: "breaching.bg", "\"#ff0000\"", "not a color")
    }

    func testColorNumberOutOfRange() {
        assertThemeError("[header]\nfg = 256\n", key: "header.fg", "256", "out of range")
        assertThemeError("[header]\nbg = -1\n", key: "header.bg", "-1", "out of range")
        assertThemeError("[header]\nfg = \"300\"\n", key: "header.fg", "\"300\"", "not a color")
    }

    func testColorOfTheWrongType() {
        assertThemeError("[header]\nfg = true\n", key: "header.fg", "not a color")
        assertThemeError("[header]\nfg = 1.5\n", key: "header.fg", "not a color")
    }

    func testAttributeOfTheWrongType() {
        assertThemeError("[header]\nbold = \"yes\"\n", key: "header.bold", "true or false", "a string")
    }

    func testRoleThatIsNotATable() {
        assertThemeError("header = \"red\"\n", key: "header", "table")
    }

    func testSyntaxErrorNamesTheLine() {
        XCTAssertThrowsError(try parse("[header]\nbold = true\nfg = \n")) { error in
            guard let error = error as? ConfigError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, file)
            XCTAssertEqual(error.key, "")
            XCTAssertTrue(error.message.hasPrefix("line 3,"), error.message)
        }
    }

    func testLoadOfAMissingFile() {
        XCTAssertThrowsError(try ThemeFile.load(path: "/nonexistent/themes/none.toml")) { error in
            XCTAssertEqual((error as? ConfigError)?.file, "/nonexistent/themes/none.toml")
        }
    }
}

/// The themes that ship in the repository's `themes/` folder.
final class ShippedThemeTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    private func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".toml") }.sorted()
    }

    func testTheFolderHoldsTheThemes() throws {
        let names = try files()
        for expected in ["dark.toml", "light.toml", "mono.toml", "high-contrast.toml"] {
            XCTAssertTrue(names.contains(expected), "\(expected) in \(names)")
        }
    }

    func testEveryShippedThemeParses() throws {
        for name in try files() {
            let path = Self.folder + "/" + name
            XCTAssertNoThrow(try ThemeFile.load(path: path), name)
            guard let theme = try? ThemeFile.load(path: path) else { continue }
            XCTAssertEqual(theme.name, String(name.dropLast(".toml".count)))
            XCTAssertEqual(Set(theme.styles.keys), Set(ThemeRole.allCases), name)
        }
    }

    func testShippedThemesSetEveryRoleExplicitly() throws {
        // A role missing from a shipped theme silently looks like `normal`; every role should be written out.
        for name in try files() {
            let text = try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8)
            for role in ThemeRole.allCases {
                XCTAssertTrue(text.contains("[\(role.rawValue)]\n"), "\(name) lacks [\(role.rawValue)]")
            }
        }
    }

    func testColorThemesHaveColorsAndSelectionStandsOut() throws {
        for name in try files() where name != "mono.toml" {
            let theme = try ThemeFile.load(path: Self.folder + "/" + name)
            XCTAssertTrue(theme.styles.values.contains { $0.foreground != .terminalDefault || $0.background != .terminalDefault }, name)
            XCTAssertNotEqual(theme[.selected], theme[.normal], "\(name): the selected row must differ from the rest")
            XCTAssertNotEqual(theme[.breaching], theme[.normal], "\(name): breaching rows must stand out")
        }
    }

    func testMonoFileIsTheBuiltInMonochromeTheme() throws {
        let mono = try ThemeFile.load(path: Self.folder + "/mono.toml")
        for role in ThemeRole.allCases {
            XCTAssertEqual(mono[role], Theme.monochrome[role], role.rawValue)
        }
        XCTAssertEqual(mono, Theme.monochrome)
        XCTAssertEqual(mono.withoutColor, mono, "mono has no colors to take out")
    }
}
