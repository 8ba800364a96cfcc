@testable import BatonConfig
import Foundation
import XCTest

enum TOMLGuardProbe {
    static func arrays(_ text: String) throws { try TOMLGuard.checkArrays(text, file: "probe.toml") }
}

/// `make fuzz`'s config seeds and every config input it found that crashed or ran slow
/// (Fuzz/corpus/config, Fuzz/crashes/config), read and used as the harness does.
final class ConfigFuzzCorpusTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func testConfigCorpus() {
        var count = 0
        for folder in ["Fuzz/corpus/config", "Fuzz/crashes/config"] {
            let path = Self.root + "/" + folder
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter({ !$0.hasPrefix(".") }).sorted() {
                guard let data = FileManager.default.contents(atPath: path + "/" + file) else { continue }
                count += 1
                let start = Date()
                if let team = try? ConfigFile.parse(String(decoding: data, as: UTF8.self), file: file) {
                    let instant = Date(timeIntervalSince1970: 1_795_442_400)
                    _ = team.rotation.holder(at: instant)
                    _ = team.rotation.nextHandoff(after: instant)
                }
                XCTAssertLessThan(Date().timeIntervalSince(start), 5, file)
            }
        }
        XCTAssertGreaterThanOrEqual(count, 2, "the seeds")
    }
}

/// The table headers that killed the process inside toml++ are refused by line.
final class TOMLGuardTests: XCTestCase {
    func testATableNameStartingOutsideASCIIIsRefusedNotACrash() {
        for header in ["[é]", "[[é]]", "[ é ]", "  [[ \u{FFFD}ion]]", "[[`ngineer]]", "[#]", "[=]", "[.a]", "[,]", "[\r"] {
            assertConfigError("store = \"x.sqlite\"\n\(header)\nx = 1\n", key: "", "line 2: a table name starts with", "quote any other")
        }
        assertConfigError("\u{FEFF}[\u{FFFD}\nx = 1\n", key: "", "line 1: a table name starts with")
        assertConfigError("\r\n[\t\r\nx = 1\r\n", key: "", "line 2: a table name starts with \"\\r\"")
        for header in ["[", "[[ ", "[\t"] {
            assertConfigError("store = \"x.sqlite\"\n\(header)\nx = 1\n", key: "", "line 2: a table header without a name")
        }
        XCTAssertNoThrow(try ConfigFile.parse("store = \"x.sqlite\"\n[rotation]\nanchor = \"2026-01-05\"\n", file: "/srv/baton.toml"))
    }

    func testABraceWhereAnArrayValueShouldBeIsRefusedNotACrash() {
        for value in ["[}", "[\"mon\", }", "[[}]]", "[\n}]", "[ # a comment\n }"] {
            assertConfigError("store = \"x.sqlite\"\nx = \(value)\n", key: "", "\"}\" where an array's next value should be")
        }
        // Braces in strings and comments, inline tables in arrays and a header are fine here (the parser may still refuse them).
        for value in ["[\"}\", '}', \"\"\"}\"\"\"]", "[{a = 1}, {b = 2}]", "[1, # }\n 2]", "[1, 2, ]"] {
            XCTAssertNoThrow(try TOMLGuardProbe.arrays("x = \(value)\n[a]\ny = 1\n"), value)
        }
    }
}

/// Numbers in a config that became instants past what the store keeps (issue 17, item 5).
final class ConfigNumberTests: XCTestCase {
    func testADurationPastACenturyIsRefusedByKey() {
        for text in ["9223372036854775807s", "5300w", "36525d1s"] {
            assertConfigError("store = \"x.sqlite\"\n[[tier]]\nid = \"ent\"\nfirst_response = \"\(text)\"\n", key: "tier[1].first_response", "longer than 100 years")
        }
        assertConfigError("store = \"x.sqlite\"\n[rotation]\nlength = \"99999999999w\"\n", key: "rotation.length", "longer than 100 years")
        XCTAssertNoThrow(try ConfigFile.parse("store = \"x.sqlite\"\n[[tier]]\nid = \"ent\"\nfirst_response = \"36524d\"\n", file: "/srv/baton.toml"))
    }
}
