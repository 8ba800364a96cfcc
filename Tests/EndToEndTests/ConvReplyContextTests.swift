import BatonCore
@testable import BatonStore
import Foundation
import XCTest

/// Issue 11: `baton conv reply` opens the editor on the same file as the screen's `R`: the
/// customer's message quoted, and under the scissors line where the reply goes (never sent).
extension OwnershipEndToEndTests {
    func testConvReplyOpensTheEditorOnTheQuoteAndTheScissorsBlock() throws {
        try Shell.run(Self.baton, ["conv", "list", "--config", config])  // syncs the tiers into the store
        let now = Date()
        try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Invoice", source: .email,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Priya", authorID: "priya@acme.io",
                                                                           body: "The total is off by 12 EUR.", createdAt: now.addingTimeInterval(-60))]),
                                     actor: "test", at: now)
        let editor = folder + "/editor.sh"
        // An editor that keeps what it was given, then writes the reply above the quote.
        try """
            #!/bin/sh
            cp "$1" \(folder!)/given.txt
            { printf 'Fixed in the next invoice.'; cat \(folder!)/given.txt; } > "$1"
            """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        try tmux.start("env BATON_AS=ana EDITOR=\(editor) LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) conv reply 1 --config \(config!) 2>\(folder!)/reply.err; sleep 30")
        let deadline = Date().addingTimeInterval(10)
        while try store.queuedReplies().isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let given = try String(contentsOfFile: folder + "/given.txt", encoding: .utf8)
        XCTAssertTrue(given.contains("Priya wrote:\n> The total is off by 12 EUR.\n"), given)
        XCTAssertTrue(given.contains(ReplyContextScissors.line + "\n"), given)
        XCTAssertTrue(given.contains("To: priya@acme.io\n"), given)
        let replies = try store.queuedReplies()
        XCTAssertEqual(replies.count, 1, (try? String(contentsOfFile: folder + "/reply.err", encoding: .utf8)) ?? "")
        let body = try XCTUnwrap(replies.first?.body)
        XCTAssertTrue(body.hasPrefix("Fixed in the next invoice.\n\nOn "), body)
        XCTAssertTrue(body.hasSuffix("> The total is off by 12 EUR."), "the quote is sent, nothing from the scissors line on: \(body)")
    }
}

/// The scissors line as `ReplyContext` writes it (git's), spelled out here so that a change to it shows.
enum ReplyContextScissors {
    static let line = "------------------------ >8 ------------------------"
}
