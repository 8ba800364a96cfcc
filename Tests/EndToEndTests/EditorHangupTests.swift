import BatonCore
@testable import BatonStore
import Foundation
import XCTest

/// The SSH link drops while `baton conv reply` has the editor open: what was written is
/// kept as a draft in the store, not left only in a temporary file.
extension OwnershipEndToEndTests {
    func testAHangupWhileTheEditorIsOpenKeepsTheDraftInTheStore() throws {
        try addConversations(1)
        let editor = folder + "/editor.sh"
        // An editor the person has typed into (and saved) when the link drops.
        try """
            #!/bin/sh
            printf 'half a reply, then the link dropped' > "$1"
            touch \(folder!)/editing
            sleep 30
            """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let temporary = folder + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try tmux.start("env BATON_AS=ana EDITOR=\(editor) TMPDIR=\(temporary) LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) conv reply 1 --config \(config!) 2>\(folder!)/reply.err; sleep 30")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: folder + "/editing"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/editing"), "the editor never opened")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary).count, 1, "the draft's temporary file")

        tmux.kill()  // the terminal goes away: SIGHUP, as when SSH drops
        var draft: String?
        let saved = Date().addingTimeInterval(5)
        while draft == nil, Date() < saved {
            draft = try store.draft(1, author: "ana", kind: "reply")
            if draft == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(draft, "half a reply, then the link dropped",
                       "kept in the store's drafts; the next reply opens it; baton said: \((try? String(contentsOfFile: folder + "/reply.err", encoding: .utf8)) ?? "")")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [], "and not left in the temporary folder")
        XCTAssertEqual(try store.queuedReplies().count, 0, "nothing sent")
    }
}
