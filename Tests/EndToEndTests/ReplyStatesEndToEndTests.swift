import BatonStore
import Foundation
import XCTest

/// Issue 13 item 6 through the real binary in tmux: a reply that a sendmail refuses shows as
/// failed on the queue, in the header and in the thread (with the program's words), and `!`
/// puts it back in the outbox.
extension EndToEndTests {
    func testAFailedReplyShowsOnTheScreenAndBangQueuesItAgain() throws {
        // A sendmail-compatible program that refuses every message, as a relay with no route does.
        let program = folder + "/refusing-sendmail"
        try """
            #!/bin/sh
            cat > /dev/null
            echo "relay refused: no route to acme.io" >&2
            exit 1
            """.write(toFile: program, atomically: true, encoding: .utf8)
        chmod(program, 0o755)
        try writeMailConfig(sendmail: program)
        // The screen acts as ana, so `!` may act.
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "id = \"ana\"\n", with: "id = \"ana\"\nunix_user = \"\(NSUserName())\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: Self.customerMail)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        _ = try store.queueReply(1, body: "Fixed in 2.4.1.", actor: "ana", authorName: "Ana", at: Date())
        let reply = try XCTUnwrap(try store.outbox().first)

        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); echo $? > \(folder!)/exit; sleep 30", width: 100, height: 24)
        _ = try tmux.wait(for: "the queue") { $0.contains("1 open") && $0.contains("Webhooks stopped") }
        XCTAssertFalse(try tmux.screen().contains("reply failed"))

        // Another process sends, and the program refuses: the change feed brings it to the screen.
        XCTAssertThrowsError(try Shell.run(Self.baton, ["outbox", "send", "--config", config])) { error in
            XCTAssertEqual((error as? ShellError)?.status, 1)
        }
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .failed)
        let queue = try tmux.wait(for: "reply failed on the row and in the header") {
            $0.split(separator: "\n").contains { $0.contains("Webhooks stopped at noon") && $0.contains(" · reply failed ") } && $0.contains("· 1 reply failed ")
        }
        XCTAssertTrue(queue.contains("1 reply failed"), queue)

        try tmux.keys("Enter")
        let thread = try tmux.wait(for: "the reply's state in the thread") { $0.contains("failed after 1 try:") }
        XCTAssertTrue(thread.contains("Ana · team · "), thread)
        XCTAssertTrue(thread.contains("· reply failed"), thread)
        XCTAssertTrue(thread.contains("relay refused: no route to acme.io"), thread)
        XCTAssertTrue(thread.contains("no more tries by itself · ! sends it again"), thread)

        try tmux.keys("!")
        let requeued = try tmux.wait(for: "the reply queued again") { $0.contains("· queued to send") && !$0.contains("failed after") }
        XCTAssertTrue(requeued.contains("#1: replies queued again"), requeued)
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .queued)
        let history = try Shell.run(Self.baton, ["conv", "show", "1", "--config", config])
        XCTAssertTrue(history.contains("retry"), history)
        try tmux.keys("Q")
        _ = try tmux.wait(for: "baton to quit") { _ in FileManager.default.fileExists(atPath: self.folder + "/exit") }
    }
}
