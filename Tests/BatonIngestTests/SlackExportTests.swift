import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

final class SlackExportTests: IngestTestCase {
    func importFixture(_ path: String = fixture("slack-export")) throws -> IngestReport {
        try SlackExportImport.run(try SlackExport(path: path), roster: roster, store: store, actor: "test", now: now)
    }

    /// A copy of the fixture export to change, in the test's folder.
    func exportCopy() throws -> String {
        let copy = folder + "/export"
        try FileManager.default.copyItem(atPath: Self.fixture("slack-export"), toPath: copy)
        return copy
    }

    func testThreadsBotsEditsDeletionsAndTeamRepliesLandAsTheyShould() throws {
        let report = try importFixture()
        XCTAssertEqual(report.conversationsCreated, 5, report.summary)
        XCTAssertEqual(report.messagesAdded, 9, report.summary)
        XCTAssertEqual(report.updated, 2, "one edit and one deletion: \(report.summary)")
        let export = Self.fixture("slack-export")
        XCTAssertEqual(report.problems, [
            "\(export): not imported, as no customer's slack_channel names them: #general",
            "\(export): customer globex: slack_channel \"C0GLOBEX1\" is no channel of this export",
        ], "a slack_channel typo must not drop a channel unseen")
        XCTAssertFalse(report.leftSomethingOut, "said, but not an error: exports hold other channels")

        let all = try conversations()
        XCTAssertEqual(all.map(\.row.customerName), Array(repeating: "Acme", count: 5), "#general maps to no customer")
        let thread = all[0]
        XCTAssertEqual(thread.messages.map(\.authorKind), [.customer, .team, .customer, .team])
        XCTAssertEqual(thread.messages.map(\.authorName), ["Priya Raman", "Ana", "Priya Raman", "Ben O"])
        XCTAssertEqual(thread.messages[0].body, """
            Hi @ana, the router drops subscriptions after a deploy & restarts.
            See incident 42 (https://status.acme.io/incidents/42) in #acme-support <urgent>
            """)
        XCTAssertEqual(thread.row.subject, "Hi @ana, the router drops subscriptions after a deploy & restarts.")
        XCTAssertEqual(thread.messages[1].body, "Looking now: it is the deploy hook", "message_changed replaced the text")
        XCTAssertEqual(thread.messages.map { $0.editedAt.map { $0.timeIntervalSince1970 } }, [nil, 1795690000, 1795600700, nil],
                       "edited by message_changed, and exported already edited")
        XCTAssertEqual(all.flatMap(\.messages).filter { $0.deletedAt != nil }.map(\.body).first, "wrong channel, sorry")
        XCTAssertEqual(thread.messages[2].body, "Logs attached, with the ops@acme.io address\n[file: router.log]")
        XCTAssertNil(thread.row.slaDue, "the team answered last, so nothing is owed")

        XCTAssertEqual(all[1].messages.map(\.authorKind), [.bot])
        XCTAssertEqual(all[1].messages[0].authorName, "PagerBot")
        let deleted = try XCTUnwrap(store.messageState("slack:C0ACME001:1795601000.000600"))
        XCTAssertTrue(deleted.deleted)
        XCTAssertEqual(deleted.body, "wrong channel, sorry", "kept for the record")
        let tombstone = try XCTUnwrap(store.messageState("slack:C0ACME001:1795601100.000700"))
        XCTAssertTrue(tombstone.deleted)
        XCTAssertEqual(all[3].messages.count, 2, "the reply to a deleted message keeps its thread")
        XCTAssertTrue(try XCTUnwrap(store.messageState("slack:C0ACME001:1795600300.000200")).edited)
        // Stored as written except NUL; the screen's TerminalText makes the rest safe.
        XCTAssertEqual(all[4].messages[0].body, "bad \u{FFFD} bytes \u{1B}[31mred\u{1B}[0m and \u{202E}evil")
    }

    func testImportingTwiceAddsNothing() throws {
        let first = try importFixture()
        let messages = try store.messageCount()
        let second = try importFixture()
        XCTAssertEqual(try store.messageCount(), messages)
        XCTAssertEqual(try store.queueSize(QueueQuery(includeClosed: true)), first.conversationsCreated)
        XCTAssertEqual(second.conversationsCreated, 0)
        XCTAssertEqual(second.messagesAdded, 0)
        XCTAssertEqual(second.updated, 0, "the edit and the deletion are applied already")
    }

    func testAMalformedDayFileIsNamedAndTheRestIsImported() throws {
        let copy = try exportCopy()
        try Data("[\n  {\"type\": \"message\", \"ts\": \"1.0\",\n  oops\n]".utf8).write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-21.json"))
        let report = try importFixture(copy)
        XCTAssertEqual(report.rejected, 1)
        XCTAssertEqual(report.problems.count, 3, "the file, then #general and globex's channel")
        XCTAssertEqual(report.problems.first, copy + "/acme-support/2026-11-21.json: malformed JSON: invalid value at line 3, column 3")
        XCTAssertEqual(report.messagesAdded, 7, "the other day's messages are in")
    }

    func testMessagesWithoutAUsableTSAreNamedAndTheRestStored() throws {
        let copy = try exportCopy()
        let day = copy + "/acme-support/2026-11-22.json"
        try Data("""
            [{"type": "message", "user": "U0CUST01", "text": "a number", "ts": 1795700000.0001},
             {"type": "message", "user": "U0CUST01", "text": "none at all"},
             {"type": "message", "user": "U0CUST01", "text": "a word", "ts": "yesterday"},
             {"type": "message", "user": "U0CUST01", "text": "this one is fine", "ts": "1795700300.000100"}]
            """.utf8).write(to: URL(fileURLWithPath: day))
        let report = try importFixture(copy)
        XCTAssertEqual(report.rejected, 3)
        XCTAssertTrue(report.leftSomethingOut, "the exit status says something was left out")
        XCTAssertEqual(report.problems.filter { $0.hasPrefix(day) }, [
            day + ": message 1: \"ts\" is not a string; left out",
            day + ": message 2: no \"ts\"; left out",
            day + ": message 3: \"ts\" is not a Slack timestamp: yesterday; left out",
        ])
        XCTAssertNotNil(try store.messageState("slack:C0ACME001:1795700300.000100"))
    }

    func testABotPostThatIsAllAttachmentIsKeptAndOwesNothing() throws {
        let copy = try exportCopy()
        try Data(#"""
            [{"type": "message", "subtype": "bot_message", "bot_id": "B0GITHUB", "username": "github", "text": "", "ts": "1795700000.000100",
              "attachments": [{"fallback": "[router:main] 1 new commit", "pretext": "[router:main] 1 new commit by Priya:",
                               "text": "<https://github.com/acme/router/commit/ed1acbe|ed1acbe>: keep subscriptions across deploys", "color": "4183C4", "id": 1}]},
             {"type": "message", "user": "U0CUST01", "text": "See <https://github.com/acme/router>", "ts": "1795700100.000100",
              "attachments": [{"service_name": "GitHub", "title": "acme/router", "title_link": "https://github.com/acme/router",
                               "text": "The router", "fallback": "GitHub: acme/router", "from_url": "https://github.com/acme/router", "id": 1}]},
             {"type": "message", "subtype": "bot_message", "bot_id": "B0ALERT", "username": "alerts", "text": "", "ts": "1795700200.000100",
              "attachments": [{"fallback": "router-7 is down", "id": 1}]}]
            """#.utf8).write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-22.json"))
        _ = try importFixture(copy)
        let commit = try XCTUnwrap(store.messageState("slack:C0ACME001:1795700000.000100"))
        XCTAssertEqual(commit.authorKind, .bot)
        XCTAssertEqual(commit.authorName, "github")
        XCTAssertEqual(commit.body, "[router:main] 1 new commit by Priya:\ned1acbe (https://github.com/acme/router/commit/ed1acbe): keep subscriptions across deploys")
        XCTAssertEqual(try store.messageState("slack:C0ACME001:1795700100.000100")?.body, "See https://github.com/acme/router",
                       "a link preview repeats the link: left out")
        XCTAssertEqual(try store.messageState("slack:C0ACME001:1795700200.000100")?.body, "router-7 is down", "the fallback when there is nothing else")
        let botThread = try XCTUnwrap(conversations().first { $0.messages.first?.authorName == "github" })
        XCTAssertNil(botThread.row.slaDue, "a thread only a bot wrote in owes no answer")
    }

    func testEditingAThreadsOpeningMessageRetitlesItsConversation() throws {
        let copy = try exportCopy()
        try Data(#"""
            [{"type": "message", "subtype": "message_changed", "ts": "1795700000.000010",
              "message": {"type": "message", "user": "U0CUST01", "text": "Router drops subscriptions on every deploy\nmore detail",
                          "ts": "1795600000.000100", "edited": {"user": "U0CUST01", "ts": "1795700000.000010"}}},
             {"type": "message", "subtype": "message_changed", "ts": "1795700001.000010",
              "message": {"type": "message", "user": "U0ANA001", "text": "Looking now, again", "ts": "1795600300.000200"}}]
            """#.utf8).write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-22.json"))
        _ = try importFixture(copy)
        let thread = try conversations()[0]
        XCTAssertEqual(thread.messages[1].body, "Looking now, again")
        XCTAssertEqual(thread.row.subject, "Router drops subscriptions on every deploy", "only the opening message's edit renames it")
        XCTAssertEqual(thread.events.filter { $0.kind == "retitled" }.map(\.detail), ["Router drops subscriptions on every deploy"], "in the audit log")
    }

    func testAnExportWithoutUsersJSONIsRefusedSayingWhy() throws {
        let copy = try exportCopy()
        try FileManager.default.removeItem(atPath: copy + "/users.json")
        XCTAssertThrowsError(try importFixture(copy)) { error in
            XCTAssertEqual("\(error)", copy + "/users.json: missing (and no org_users.json either): without the users' emails, the team's messages cannot be told from customers'; export again with users.json")
        }
        XCTAssertEqual(try store.messageCount(), 0, "nothing stored as a guess")
    }

    func testChangesKeepFilesAndAttachmentsAndATombstoneIsADeletion() throws {
        let copy = try exportCopy()
        try Data(#"""
            [{"type": "message", "subtype": "message_changed", "ts": "1795700000.000010",
              "message": {"type": "message", "user": "U0CUST01", "text": "Logs attached", "ts": "1795600600.000300",
                          "edited": {"user": "U0CUST01", "ts": "1795700000.000010"}, "files": [{"name": "router.log"}]}},
             {"type": "message", "subtype": "message_changed", "ts": "1795700001.000010",
              "message": {"type": "message", "subtype": "bot_message", "bot_id": "B0PAGER1", "text": "", "ts": "1795600800.000500",
                          "attachments": [{"fallback": "router-7 is up again"}]}},
             {"type": "message", "subtype": "message_changed", "ts": "1795700002.000010",
              "message": {"type": "message", "subtype": "tombstone", "user": "USLACKBOT", "text": "This message was deleted.", "ts": "1795600000.000100"}}]
            """#.utf8).write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-22.json"))
        _ = try importFixture(copy)
        XCTAssertEqual(try store.messageState("slack:C0ACME001:1795600600.000300")?.body, "Logs attached\n[file: router.log]", "an edit keeps the files")
        let bot = try XCTUnwrap(store.messageState("slack:C0ACME001:1795600800.000500"))
        XCTAssertEqual(bot.body, "router-7 is up again", "a bot's update of its attachments")
        XCTAssertFalse(bot.edited, "nobody typed that change")
        let opening = try XCTUnwrap(store.messageState("slack:C0ACME001:1795600000.000100"))
        XCTAssertTrue(opening.deleted)
        XCTAssertTrue(opening.body.hasPrefix("Hi @ana, the router drops"), "a tombstone deletes; the text is kept for the record")
        XCTAssertEqual(try conversations()[0].row.subject, "Hi @ana, the router drops subscriptions after a deploy & restarts.")
    }

    func testADayFileThatIsNotAListSaysWhatItIs() throws {
        let copy = try exportCopy()
        let day = copy + "/acme-support/2026-11-22.json"
        try Data(#"{"type": "message", "text": "one message, not a list", "ts": "1795700300.000100"}"#.utf8).write(to: URL(fileURLWithPath: day))
        let report = try importFixture(copy)
        XCTAssertEqual(report.problems.filter { $0.hasPrefix(day) }, [day + ": unexpected JSON shape at the top: expected an array, found an object"])
    }

    func testAZippedExportImportsAndATruncatedOneIsRefusedByName() throws {
        let zip = folder + "/export.zip"
        _ = try run("/usr/bin/zip", ["-qr", zip, "."], in: Self.fixture("slack-export"))
        XCTAssertEqual(try importFixture(zip).messagesAdded, 9)

        let data = try Data(contentsOf: URL(fileURLWithPath: zip))
        let truncated = folder + "/truncated.zip"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: truncated))
        XCTAssertThrowsError(try SlackExport(path: truncated)) { error in
            let message = "\(error)"
            XCTAssertEqual(message, truncated + ": not a readable zip archive (truncated or damaged?): no end of central directory record")
        }
    }

    func testAFolderThatIsNotAnExportSaysWhatIsMissing() throws {
        XCTAssertThrowsError(try SlackExport(path: folder)) { error in
            XCTAssertEqual("\(error)", "\(folder!): not a Slack export: no channels.json at its top")
        }
    }

    func run(_ executable: String, _ arguments: [String], in directory: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return process.terminationStatus
    }
}

final class SlackMarkupTests: XCTestCase {
    let names = ["U1": "ana", "U2": "Priya Raman"]

    func render(_ text: String) -> String {
        SlackMarkup.render(text, userName: { self.names[$0] }, channelName: { $0 == "C9" ? "ops" : nil })
    }

    func testMentionsChannelsLinksAndEscapesReadAsPeopleWrite() {
        XCTAssertEqual(render("<@U1> and <@U2|priya>"), "@ana and @Priya Raman")
        XCTAssertEqual(render("<@U404>"), "@U404", "an unknown user keeps the id")
        XCTAssertEqual(render("see <#C1|general> and <#C9>"), "see #general and #ops")
        XCTAssertEqual(render("<!here> <!channel> <!subteam^S1|@oncall>"), "@here @channel @oncall")
        XCTAssertEqual(render("<https://x.io/a?b=1&amp;c=2|the docs>"), "the docs (https://x.io/a?b=1&c=2)")
        XCTAssertEqual(render("<https://x.io>"), "https://x.io")
        XCTAssertEqual(render("<mailto:a@b.io|a@b.io>"), "a@b.io")
        XCTAssertEqual(render("a &lt;b&gt; &amp;amp; c"), "a <b> &amp; c", "&amp; decodes once")
        XCTAssertEqual(render("unclosed < bracket"), "unclosed < bracket")
        XCTAssertEqual(render("a < b &lt; c <@U1"), "a < b < c <@U1", "no > anywhere after: all of it is text")
    }

    func testTextAroundMarkupKeepsEveryCharacter() {
        XCTAssertEqual(render("Grüße <@U1> — 日本語 &amp; 👩🏽‍💻"), "Grüße @ana — 日本語 & 👩🏽‍💻")
        XCTAssertEqual(render("<https://x.io/ü|Überblick> ✓"), "Überblick (https://x.io/ü) ✓")
        XCTAssertEqual(render("plain, nothing to do"), "plain, nothing to do")
        XCTAssertEqual(render("&amp"), "&amp", "an entity cut short stays as written")
        XCTAssertEqual(render("<@U1|>"), "@ana")
    }
}
