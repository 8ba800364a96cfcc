import Foundation
import XCTest

/// The shared box as its users would try it: a member of the team's group and someone
/// outside it, each a real Unix user made for these tests (and removed after), running
/// commands with setpriv, while root runs `baton init` and `baton doctor`.
final class SharedBoxTests: XCTestCase {
    static let baton = EndToEndTests.baton
    static let suffix = String(UInt32.random(in: 0..<UInt32.max) % 100_000)
    static let group = "btgrp\(suffix)"
    static let member = "btmem\(suffix)"
    static let outsider = "btout\(suffix)"
    nonisolated(unsafe) static var usersMade = false

    var base: String!

    override class func setUp() {
        super.setUp()
        guard getuid() == 0 else { return }
        usersMade = (try? Self.root("/usr/sbin/groupadd", [group])) != nil
            && (try? Self.root("/usr/sbin/useradd", ["-M", "-N", "-g", "users", "-G", group, "-s", "/bin/sh", member])) != nil
            && (try? Self.root("/usr/sbin/useradd", ["-M", "-N", "-g", "users", "-s", "/bin/sh", outsider])) != nil
    }

    override class func tearDown() {
        if getuid() == 0 {
            _ = try? Self.root("/usr/sbin/userdel", [member])
            _ = try? Self.root("/usr/sbin/userdel", [outsider])
            _ = try? Self.root("/usr/sbin/groupdel", [group])
        }
        super.tearDown()
    }

    override func setUpWithError() throws {
        guard getuid() == 0 else {
            throw XCTSkip("these tests make a Unix group and two users and run baton as them: run the suite as root (make test on the dev box) to run them")
        }
        XCTAssertTrue(Self.usersMade, "groupadd/useradd failed; are shadow's tools installed?")
        // Others may pass through (0711), so the users reach the store's folder, but not list or read it.
        base = "/tmp/baton-sharedbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        chmod(base, 0o711)
    }

    override func tearDownWithError() throws {
        if let base { try? FileManager.default.removeItem(atPath: base) }
    }

    @discardableResult
    static func root(_ executable: String, _ arguments: [String]) throws -> String {
        try Shell.run(executable, arguments)
    }

    /// Runs a shell command as `user`, with their groups.
    @discardableResult
    func `as`(_ user: String, _ command: String) throws -> String {
        try Shell.run("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=users", "--init-groups", "--", "/bin/sh", "-c", command])
    }

    /// A root-only file: what a member would love to make group-writable.
    func rootOnlyFile() throws -> String {
        let file = base + "/root-only"
        try "root's secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        return file
    }

    func info(_ path: String) throws -> (mode: Int, group: String, owner: String) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as! NSNumber).intValue, attributes[.groupOwnerAccountName] as! String, attributes[.ownerAccountName] as! String)
    }

    func initStore(_ store: String) throws -> String {
        try Shell.run(Self.baton, ["init", "--group", Self.group, "--store", store])
    }

    func testInitAsRootDoesNotFollowALinkAMemberPutInPlaceOfTheStore() throws {
        let store = base + "/team/baton.sqlite"
        try initStore(store)
        XCTAssertEqual(try info(base + "/team").mode, 0o2770)
        let secret = try rootOnlyFile()
        // The member can write the store's folder (that is the point of it), so can swap the store for a link.
        try `as`(Self.member, "rm -f \(store) \(store)-wal \(store)-shm && ln -s \(secret) \(store)")
        XCTAssertThrowsError(try initStore(store)) { error in
            XCTAssertEqual((error as! ShellError).stderr,
                           "baton: \(store) is a symbolic link; refused: baton never follows a link in the store's place (remove it, then run init again)\n")
        }
        XCTAssertEqual(try info(secret).mode, 0o600, "the link's target keeps its mode")
        XCTAssertEqual(try info(secret).group, "root", "and its group")
        XCTAssertEqual(try String(contentsOfFile: secret, encoding: .utf8), "root's secret\n")
    }

    func testInitAsRootDoesNotFollowALinkInPlaceOfThePresenceFileOrTheWAL() throws {
        let store = base + "/team/baton.sqlite"
        try initStore(store)
        let secret = try rootOnlyFile()
        for companion in ["-presence", "-wal"] {
            try `as`(Self.member, "rm -f \(store)\(companion) && ln -s \(secret) \(store)\(companion)")
            XCTAssertThrowsError(try initStore(store)) { error in
                XCTAssertTrue((error as! ShellError).stderr.hasPrefix("baton: \(store)\(companion) is a symbolic link; refused"), "\(error)")
            }
            XCTAssertEqual(try info(secret).mode, 0o600)
            XCTAssertEqual(try info(secret).group, "root")
            try FileManager.default.removeItem(atPath: store + companion)
        }
    }

    func testInitRefusesAStoreFolderOwnedBySomeoneOutsideTheGroup() throws {
        // A drop folder anyone may make things in, as /tmp or a shared /srv often is.
        let drop = base + "/drop"
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        chmod(drop, 0o1777)
        try `as`(Self.outsider, "mkdir \(drop)/theirs && chmod 777 \(drop)/theirs")
        XCTAssertThrowsError(try initStore(drop + "/theirs/baton.sqlite")) { error in
            XCTAssertEqual((error as! ShellError).stderr,
                           "baton: \(drop)/theirs belongs to \(Self.outsider), who is neither root nor a member of group \(Self.group); refused: whoever owns it can change it under root's feet. Remove it (or chown it), then run init again\n")
        }
        XCTAssertEqual(try info(drop + "/theirs").mode, 0o777, "nothing changed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: drop + "/theirs/baton.sqlite"))
    }

    func testAMembersStoreFileInTheTeamsGroupIsAccepted() throws {
        let store = base + "/team/baton.sqlite"
        try initStore(store)
        // A member's baton makes the presence file and the WAL: theirs, in the team's group (setgid folder).
        try `as`(Self.member, "umask 022 && touch \(store)-presence \(store)-wal")
        XCTAssertEqual(try info(store + "-presence").group, Self.group)
        XCTAssertNoThrow(try initStore(store), "a member's own file in the team's group is what baton makes every day")
        XCTAssertEqual(try info(store + "-presence").mode, 0o660, "and init closes it")
    }

    func testDoctorAsRootNamesAWALAMemberOpenedUpAndExitsNonZero() throws {
        let store = base + "/team/baton.sqlite"
        try initStore(store)
        XCTAssertTrue(try Shell.run(Self.baton, ["doctor", "--store", store, "--group", Self.group]).hasSuffix("nothing to fix\n"))
        try `as`(Self.member, "touch \(store)-wal && chmod 664 \(store)-wal")
        XCTAssertThrowsError(try Shell.run(Self.baton, ["doctor", "--store", store])) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 1)
        }
        let output = (try? Shell.run("/bin/sh", ["-c", "\(Self.baton) doctor --store \(store); true"])) ?? ""
        XCTAssertTrue(output.contains("FIX \(store)-wal"), output)
        XCTAssertTrue(output.contains("\(Self.member):\(Self.group) 0664 file"), output)
        XCTAssertTrue(output.hasSuffix("to fix, run:\n    chmod o-rwx \(store)-wal\n"), output)
        XCTAssertEqual(try info(store + "-wal").mode, 0o664, "doctor changes nothing")
    }
}
