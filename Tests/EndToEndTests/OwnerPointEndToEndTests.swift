import BatonCore
import BatonStore
import Foundation
import XCTest

/// Issue 11 as an engineer meets it: the real binary, in tmux where a screen is involved.
/// The config is the rotation tests' (Europe ana, ben, chiara from 07:00 Berlin; the US dave,
/// erin 09:00–20:00 New York; weekdays): on Monday 23 November 2026 ben holds Europe's point.
final class OwnerPointEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton

    var folder: String!
    var config: String!
    var tmux: Tmux!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        tmux = Tmux()
        folder = NSTemporaryDirectory() + "baton-owner-point-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try RotationEndToEndTests.configText.write(toFile: config, atomically: true, encoding: .utf8)
        // BATON_AS picks the engineer acting, which only a demo store allows.
        try SQLiteStore(path: folder + "/store.sqlite").markAsDemo()
    }

    override func tearDownWithError() throws {
        tmux.kill()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func baton(_ arguments: [String], now: String = "2026-11-23T10:00:00Z", as engineer: String? = nil, input: String? = nil) throws -> String {
        var environment = ["BATON_NOW": now, "TZ": "UTC"]
        if let engineer { environment["BATON_AS"] = engineer }
        return try Shell.run(Self.baton, arguments + ["--config", config], environment: environment, input: input)
    }

    func failure(_ arguments: [String], now: String = "2026-11-23T10:00:00Z") -> ShellError? {
        do {
            _ = try baton(arguments, now: now)
            return nil
        } catch {
            return error as? ShellError
        }
    }

    // MARK: item 1 in tmux: the override is in force when mail arrives

    func testMailThatArrivesWhileAnOverrideIsInForceGoesToTheCoveringEngineer() throws {
        _ = try baton(["override", "add", "chiara", "--replaces", "ben", "--from", "2026-11-23 08:00", "--to", "2026-11-23 12:00", "--reason", "ben at the dentist"],
                      as: "ben")
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC BATON_NOW=2026-11-23T10:00:00Z \(Self.baton) --config \(config!); sleep 30", width: 100, height: 12)
        let before = try tmux.wait(for: "the queue") { $0.contains("baton · 0 open") }
        XCTAssertTrue(before.contains("point: chiara (Europe)"), before)

        let mail = """
            From: Priya <priya@acme.io>\r
            To: support@example-corp.com\r
            Subject: Webhooks stopped at ten\r
            Date: Mon, 23 Nov 2026 10:00:00 +0000\r
            Message-ID: <cover-e2e@acme.io>\r
            \r
            Nothing since ten.\r

            """
        _ = try baton(["ingest", "email"], input: mail)
        let screen = try tmux.wait(for: "the mailed conversation", timeout: 3) { $0.contains("Webhooks stopped at ten") }
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("Webhooks stopped at ten") })
        XCTAssertTrue(row.contains(" chiara "), "the covering engineer owns it: \(row)")
        XCTAssertFalse(row.contains(" ben "), String(row))
        let shown = try baton(["conv", "show", "1"])
        XCTAssertTrue(shown.contains("owner chiara"), shown)
        XCTAssertTrue(shown.contains("from email, owner chiara (point)"), shown)
    }

    // MARK: item 6: gaps, oncall, overrides on record

    func testScheduleGapsJSONReportsEachGapFromWhenItStarts() throws {
        let gaps = failure(["schedule", "gaps", "--from", "2026-11-23", "--days", "2", "--json"])
        XCTAssertEqual(gaps?.status, 1, "gaps exit 1 with --json too")
        let output = try XCTUnwrap(gaps?.stdout)
        let list = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [[String: Any]]
        XCTAssertEqual(list.map { $0["start"] as? String }, ["2026-11-21T01:00:00Z", "2026-11-24T01:00:00Z"],
                       "the weekend's gap began Saturday 01:00, not at the window's midnight")
        XCTAssertEqual(list.map { $0["end"] as? String }, ["2026-11-23T06:00:00Z", "2026-11-24T06:00:00Z"])
        XCTAssertEqual(list.first?["seconds"] as? Int, 53 * 3_600)
        let text = failure(["schedule", "gaps", "--from", "2026-11-23", "--days", "2"])?.stdout ?? ""
        XCTAssertTrue(text.hasPrefix("no one holds point Sat 21 Nov 01:00 – Mon 23 Nov 06:00"), text)
    }

    func testOncallInAGapSaysSinceWhenAndThatTheNextEngineerTakesPoint() throws {
        let output = try baton(["oncall"], now: "2026-11-24T03:00:00Z")
        XCTAssertTrue(output.contains("point     nobody holds point now (a gap in the rotation since Tue 24 Nov 01:00 "), output)
        XCTAssertTrue(output.contains("takes point Tue 24 Nov 07:00"), output)
        XCTAssertFalse(output.contains("handoff "), output)
        let day = try baton(["oncall"], now: "2026-11-23T12:00:00Z")
        XCTAssertTrue(day.contains("handoff     Mon 23 Nov 15:00"), "ben hands point to dave: \(day)")
    }

    func testOverrideListSaysWhoMadeEachAndRemovalIsRecorded() throws {
        _ = try baton(["override", "add", "ana", "--replaces", "ben", "--from", "2026-11-24", "--to", "2026-11-25"], as: "ben")
        let list = try baton(["override", "list"])
        XCTAssertTrue(list.contains("ana for ben") && list.contains("by ben at 2026-11-23T10:00:00Z"), list)
        _ = try baton(["override", "remove", "1"], now: "2026-11-23T11:00:00Z", as: "chiara")
        XCTAssertEqual(try baton(["override", "list"]), "no current or future overrides\n")
        let all = try baton(["override", "list", "--all"])
        XCTAssertTrue(all.contains("by ben at 2026-11-23T10:00:00Z\tremoved by chiara at 2026-11-23T11:00:00Z"), all)
        let json = try JSONSerialization.jsonObject(with: Data(try baton(["override", "list", "--all", "--json"]).utf8)) as! [[String: Any]]
        XCTAssertEqual(json.first?["made_by"] as? String, "ben")
        XCTAssertEqual(json.first?["removed_by"] as? String, "chiara")
    }

    func testSomeoneNotOnTheRosterIsToldBeforeTheNoteIsRead() throws {
        XCTAssertThrowsError(try Shell.run(Self.baton, ["handoff", "note", "--config", config], environment: ["BATON_AS": ""], input: "a note\n")) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 4)
            XCTAssertTrue(failure.stderr.contains("not on the roster"), failure.stderr)
        }
        XCTAssertNil(try SQLiteStore(path: folder + "/store.sqlite").handoffReport(now: Date()), "nothing stored")
    }

    // MARK: item 6: the demo's clock

    /// BATON_NOW is where `--clock-speed` starts the demo's clock (it used to be replaced by the real time).
    func testBatonNowAndClockSpeedCombine() throws {
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC XDG_DATA_HOME=\(folder!)/data BATON_NOW=2026-11-18T10:00:00Z "
                       + "\(Self.baton) demo --clock-speed 600 --interval 60; sleep 30", width: 100, height: 30)
        let first = try tmux.wait(for: "the demo's queue", timeout: 15) { $0.contains("SUBJECT") || $0.contains("Handoff report") }
        if first.contains("Handoff report") {
            // Ana took point at the clock's Wednesday morning: her report comes first.
            XCTAssertTrue(first.contains("Handoff Wed 18 Nov"), first)
            try tmux.keys("q")
            _ = try tmux.wait(for: "the queue") { $0.contains("SUBJECT") }
        }
        try tmux.keys("o")
        let rotation = try tmux.wait(for: "the rotation screen") { $0.contains("Rotation · 7 days from") }
        XCTAssertTrue(rotation.contains("Rotation · 7 days from Wed 18 Nov"), rotation)
        try tmux.keys("q", "q")
    }

    // MARK: item 6: --help

    /// Every command's help at 60 columns: no line wider (USAGE included), and prose wrapped
    /// greedily, at word boundaries, with no line broken early by a hard newline.
    func testHelpWrapsAtWordBoundaries() throws {
        let commands = [[], ["queue"], ["conv"], ["conv", "show"], ["conv", "assign"], ["oncall"], ["schedule"], ["schedule", "gaps"],
                        ["schedule", "export"], ["override"], ["override", "add"], ["override", "list"], ["handoff"], ["handoff", "note"],
                        ["handoff", "report"], ["ingest"], ["ingest", "email"], ["ingest", "slack-export"], ["serve"], ["init"], ["demo"]]
        for command in commands {
            let help = try Shell.run(Self.baton, command + ["--help"], environment: ["COLUMNS": "60"])
            let lines = help.components(separatedBy: "\n")
            for line in lines { XCTAssertLessThanOrEqual(line.count, 60, "baton \(command.joined(separator: " ")) --help: \(line)") }
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ")
                && !line.hasPrefix("USAGE") && !line.hasSuffix(":") {
                let word = next.split(separator: " ").first.map(String.init) ?? ""
                // ArgumentParser fills lines to one column short of the width.
                XCTAssertGreaterThan(line.count + 1 + word.count, 59, "baton \(command.joined(separator: " ")) --help breaks early:\n\(line)\n\(next)")
            }
        }
    }

    // MARK: item 6: terminals and a lone binary

    func testATerminalNcursesCannotDriveGetsOneLine() throws {
        try tmux.start("env LANG=C.UTF-8 TERM=dumb \(Self.baton) --config \(config!) 2>\(folder!)/err; echo $? > \(folder!)/exit; sleep 30")
        _ = try tmux.wait(for: "baton to exit") { _ in FileManager.default.fileExists(atPath: self.folder + "/exit") }
        Thread.sleep(forTimeInterval: 0.1)
        let error = try String(contentsOfFile: folder + "/err", encoding: .utf8)
        XCTAssertEqual(error.split(separator: "\n").count, 1, error)
        XCTAssertTrue(error.hasPrefix("baton: cannot draw on terminal type \"dumb\""), error)
        XCTAssertEqual(try String(contentsOfFile: folder + "/exit", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "1")
    }

    func testALoneBinaryCopiedAwayStartsWithTheBuiltInTheme() throws {
        let bin = folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.baton, toPath: bin + "/baton")
        // The theme named: before, a lone binary refused to start without a themes folder.
        try RotationEndToEndTests.configText.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"store.sqlite\"\ntheme = \"dark\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try tmux.start("cd \(folder!) && env LANG=C.UTF-8 TERM=tmux-256color XDG_CONFIG_HOME=\(folder!)/config \(bin)/baton --config \(config!) 2>\(folder!)/err; echo $? > \(folder!)/exit; sleep 30",
                       width: 100, height: 12)
        let screen = try tmux.wait(for: "the queue from a lone binary") { $0.contains("baton · 0 open") || FileManager.default.fileExists(atPath: self.folder + "/exit") }
        XCTAssertTrue(screen.contains("baton · 0 open"), (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? screen)
        let colored = try tmux.run(["capture-pane", "-p", "-e", "-t", "main"])
        XCTAssertTrue(colored.contains("\u{1B}["), "the dark theme's colors, not monochrome")
        try tmux.keys("q")
    }
}
