import Foundation
import XCTest

/// Escape sequences through side doors (issue 17, item 6): customer text reached the
/// terminal raw through the stderr of the ingest commands and through `--json`. The real
/// binary, hostile text generated from every kind of control a terminal acts on.
extension EndToEndTests {
    /// ESC (CSI, OSC), C1 CSI, a bidi override, an isolate, BEL and DEL.
    static let hostile = "\u{1B}[31mred\u{1B}]0;title\u{07}\u{9B}2J\u{202E}evil\u{2066}x\u{7F}"

    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    func testIngestStderrNeverCarriesCustomerControls() throws {
        // A From of controls and no address is kept as from an unknown sender named by those
        // words; the warning quotes them on stderr, made safe, and so do the listings.
        let mail = "From: \(Self.hostile)\r\nSubject: x\r\n\r\nhi\r\n"
        // Exit 0, its stderr read through sh (Shell.run returns stdout).
        let stderr = try Shell.run("/bin/sh", ["-c", #""$0" ingest email --config "$1" 2>&1 >/dev/null"#, Self.baton, config], input: mail)
        XCTAssertTrue(stderr.contains("holds no address"), stderr)
        XCTAssertTrue(stderr.contains("^[[31mred"), stderr)
        XCTAssertFalse(stderr.unicodeScalars.contains(where: Self.isDangerous), stderr.debugDescription)
        for arguments in [["conv", "show", "1"], ["conv", "list"], ["conv", "show", "1", "--json"]] {
            let output = try Shell.run(Self.baton, arguments + ["--config", config])
            if arguments.count > 2 || arguments[1] == "show" { XCTAssertTrue(output.contains("red"), "\(arguments): the author's words: \(output)") }
            XCTAssertFalse(output.unicodeScalars.contains(where: Self.isDangerous), "\(arguments): \(output.debugDescription)")
        }
        let csv = folder + "/nps.csv"
        try "2026-11-20T09:00:00Z,zoe@acme.io,\(Self.hostile),hi\n".write(toFile: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["ingest", "nps", "--config", config, csv])) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 65)
            XCTAssertTrue(failure.stderr.contains("is not a whole number from 0 to 10"), failure.stderr)
            XCTAssertFalse(failure.stderr.unicodeScalars.contains(where: Self.isDangerous), failure.stderr.debugDescription)
        }
    }

    func testJSONOutputEscapesC1AndBidiControls() throws {
        try "email_domains = [\"acme.io\"]\n".appendLine(toFile: config)
        let mail = "From: Zoe <zoe@acme.io>\r\nSubject: =?utf-8?b?\(Data(("S " + Self.hostile).utf8).base64EncodedString())?=\r\nMessage-ID: <json@acme.io>\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n\(Self.hostile)\r\n"
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: mail)
        for arguments in [["conv", "show", "1", "--json"], ["conv", "list", "--json"]] {
            let output = try Shell.run(Self.baton, arguments + ["--config", config])
            XCTAssertFalse(output.unicodeScalars.contains(where: Self.isDangerous), "\(arguments): \(output.debugDescription)")
            XCTAssertTrue(output.contains(#"\u009B2J"#), output)
            XCTAssertTrue(output.contains(#"\u202Eevil"#), output)
            // Still JSON, and the text comes back as written.
            let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
            XCTAssertTrue("\(parsed)".contains("evil"))
        }
    }
}
