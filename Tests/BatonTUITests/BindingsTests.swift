import BatonConfig
import BatonCore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The binding tables are the one source of keys: the key handler, help, footers, the
/// command line and the README all read them, so these checks keep them whole.
final class BindingsTests: XCTestCase {
    func testEveryCommandHasABindingAndEveryBindingHelp() {
        let bound = Set(BindingScope.allCases.flatMap { Bindings.table($0) }.map(\.command))
        for command in Command.fixed {
            XCTAssertTrue(bound.contains(command), "\(command) has no key")
        }
        for index in Bindings.builtInViews.indices {
            XCTAssertTrue(bound.contains(.view(index)), "view \(index + 1) has no key")
        }
        for scope in BindingScope.allCases {
            for binding in Bindings.table(scope) {
                XCTAssertFalse(binding.keys.isEmpty, "\(scope): \(binding.command) has no keys")
                XCTAssertFalse(binding.long.trimmingCharacters(in: .whitespaces).isEmpty, "\(scope): \(binding.command) has no help")
                XCTAssertNotEqual(binding.short?.isEmpty, true, "\(scope): \(binding.command) has an empty footer word")
            }
        }
    }

    /// No `default:`, so a new command fails to compile here until it is in `Command.fixed`
    /// (and so checked for a key and help above).
    func testEveryCommandIsInTheListTheChecksWalk() {
        for command in Command.fixed + [.view(0)] {
            switch command {
            case .down, .up, .pageDown, .pageUp, .first, .last, .open, .back, .quit, .quitAll, .filter, .commandLine, .help, .refresh,
                 .rotation, .handoff, .handoffNote, .claim, .take, .assign, .ropeIn, .release, .status, .reply, .note, .tags, .mark, .nextRelated, .acknowledge,
                 .retryReplies,
                 .metrics, .period, .grouping, .earlier, .later:
                XCTAssertEqual(Command.fixed.filter { $0 == command }.count, 1, "\(command)")
            case .view:
                break
            }
        }
        XCTAssertEqual(Command.fixed.count, 35)
    }

    func testNoTwoBindingsOfAScreenShareAKey() {
        for scope in BindingScope.allCases {
            var seen: [Key: Command] = [:]
            for binding in Bindings.all(scope) {
                for key in binding.keys {
                    if let earlier = seen[key] {
                        XCTFail("\(scope): \(key.label) is bound to both \(earlier) and \(binding.command)")
                    }
                    seen[key] = binding.command
                }
            }
        }
    }

    func testTheCommandLineNamesAreUnique() {
        let names = Command.fixed.compactMap(\.name)
        XCTAssertEqual(names.count, Set(names).count)
    }

    func testASavedViewOnABoundKeyIsRefusedNamingTheFileAndKey() throws {
        let views = try Bindings.views([SavedView(name: "billing", filter: "tag:billing", key: "7"), SavedView(name: "acme", filter: "customer:acme")],
                                       file: "/etc/baton/baton.toml")
        XCTAssertEqual(views.map(\.name).suffix(2), ["billing", "acme"])
        XCTAssertEqual(Bindings.command(for: .character("7"), in: .queue, views: views), .view(6))
        XCTAssertThrowsError(try Bindings.views([SavedView(name: "x", filter: "y", key: "7"), SavedView(name: "cl", filter: "z", key: "c")],
                                                file: "/etc/baton/baton.toml")) { error in
            XCTAssertEqual("\(error)", "/etc/baton/baton.toml: view[2].key: \"c\" is bound already: claim: own an unowned conversation (every marked one)")
        }
        XCTAssertThrowsError(try Bindings.views([SavedView(name: "x", filter: "y", key: "1")], file: "b.toml"), "1 is a built-in view")
    }

    func testFootersAreDrawnFromTheBindings() {
        XCTAssertEqual(Bindings.footer(.queue), "j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit")
        XCTAssertEqual(Bindings.footer(.conversation), "j/k move · c claim · R reply · ? help · Esc/q back")
        XCTAssertEqual(Bindings.footer(.handoff), "j/k move · n note · ? help · Esc/q back")
    }

    /// The help box lists the screen's keys then the shared ones, as the tables hold them.
    func testHelpIsDrawnFromTheBindings() {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.overlay = .help(scroll: 0)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 120, height: 50)
        for binding in Bindings.all(.queue) {
            XCTAssertTrue(grid.text.contains(binding.keyLabels), "\(binding.keyLabels) is missing from the help")
            XCTAssertTrue(grid.text.contains(String(binding.long.prefix(30))), "\(binding.long) is missing from the help")
        }
        state.screen = .handoff(HandoffScreenState(lines: []))
        let handoff = ScreenRenderer.render(state, theme: .monochrome, width: 120, height: 50)
        XCTAssertTrue(handoff.text.contains("a one-line note for whoever takes point next"))
        XCTAssertFalse(handoff.text.contains("own an unowned conversation"), "the handoff screen has no team keys")
    }

    /// The README's key tables are the bindings, word for word. On a mismatch the message
    /// holds the table to paste.
    func testTheReadmeKeyTablesMatchTheBindings() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for scope in BindingScope.allCases {
            let start = "<!-- keys: \(scope.rawValue) -->\n"
            guard let from = text.range(of: start), let to = text.range(of: "\n<!-- /keys -->", range: from.upperBound..<text.endIndex) else {
                XCTFail("README.md has no \(start) section")
                continue
            }
            let table = String(text[from.upperBound..<to.lowerBound])
            XCTAssertEqual(table, Bindings.markdown(scope), "README.md's \(scope.rawValue) keys differ from the bindings; they should read:\n\(Bindings.markdown(scope))")
        }
    }
}
