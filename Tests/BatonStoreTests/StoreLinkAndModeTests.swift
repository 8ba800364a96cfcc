import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// What a member of the team's group can do to the store's folder, which the whole group
/// may write: open up the WAL, swap a file for a link. No second user is needed to try
/// these; `SharedBoxTests` (end to end) tries them as one.
final class StoreLinkAndModeTests: StoreTestCase {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func testAWALOthersCanReadIsRefusedLikeTheStore() throws {
        try store.markAsDemo()  // the first store stays open, so its -wal stays
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path + "-wal"))
        chmod(store.path + "-wal", 0o664)
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertEqual("\(error)", "refusing the store \(store.path): \(store.path)-wal is mode 664, open to others, and customer data must stay within the team; fix it with: chmod o-rwx \(store.path)-wal")
        }
        chmod(store.path + "-wal", 0o660)
        chmod(store.path + "-shm", 0o666)
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertTrue("\(error)".hasSuffix("fix it with: chmod o-rwx \(store.path)-shm"), "\(error)")
        }
        XCTAssertEqual(try mode(store.path + "-shm"), 0o666, "never changed silently")
    }

    func testAStoreThatIsALinkIsRefusedNotFollowed() throws {
        let elsewhere = folder + "/elsewhere.sqlite"
        try FileManager.default.moveItem(atPath: store.path, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: elsewhere)
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open the store \(store.path): \(store.path) is a symbolic link, and baton never follows one"), "\(error)")
        }
    }

    func testADanglingLinkInPlaceOfANewStoreCreatesNothingElsewhere() throws {
        let target = folder + "/created-through-the-link"
        let path = folder + "/new.sqlite"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        XCTAssertThrowsError(try SQLiteStore(path: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "O_NOFOLLOW: the link's target is never created")
    }

    func testAPresenceFileThatIsALinkIsRefused() throws {
        let id = try store.createConversation(conversation("x", minutesAgo: 1), actor: "t", at: now)
        let target = folder + "/someone-elses.sqlite"
        FileManager.default.createFile(atPath: target, contents: Data())
        chmod(target, 0o600)
        try FileManager.default.createSymbolicLink(atPath: store.path + "-presence", withDestinationPath: target)
        let fresh = try SQLiteStore(path: store.path)
        XCTAssertThrowsError(try fresh.heartbeat(engineer: "ana", conversation: id, activity: .viewing, host: "box", pid: 1, at: now)) { error in
            XCTAssertTrue("\(error)".contains("\(store.path)-presence is a symbolic link"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int, 0, "nothing written through the link")
    }

    func testTheSpoolIsMadeLikeThePresenceFileAndALinkIsRefused() throws {
        chmod(folder, 0o2770)
        let spool = try SQLiteStore.prepareSpool(forStore: store.path)
        XCTAssertEqual(try mode(spool), 0o2770, "closed to others; keeps the folder's setgid, so its files join the group")
        try FileManager.default.removeItem(atPath: spool)
        try FileManager.default.createSymbolicLink(atPath: spool, withDestinationPath: folder)
        XCTAssertThrowsError(try SQLiteStore.prepareSpool(forStore: store.path)) { error in
            XCTAssertTrue("\(error)".contains("is a symbolic link"), "\(error)")
        }
    }

    func testDoctorNamesWhatIsOpenAndTheCommandThatClosesIt() throws {
        try store.markAsDemo()
        let group = getgid()
        chmod(folder, 0o2770)
        let clean = StoreInspection.inspect(store: store.path, group: group, secretFiles: [], secretOwner: getuid())
        XCTAssertEqual(clean.filter { !$0.problems.isEmpty }.map(\.path), [], "\(clean)")
        chmod(store.path + "-wal", 0o664)
        let secret = folder + "/signing-secret"
        FileManager.default.createFile(atPath: secret, contents: Data("s3cret".utf8))
        chmod(secret, 0o644)
        let findings = StoreInspection.inspect(store: store.path, group: group, secretFiles: [secret], secretOwner: getuid())
        XCTAssertEqual(findings.map(\.path), [folder!, store.path, store.path + "-wal", store.path + "-shm", store.path + "-presence",
                                              store.path + "-presence-wal", store.path + "-presence-shm", store.path + "-spool", secret])
        let broken = findings.filter { !$0.problems.isEmpty }
        XCTAssertEqual(broken.map(\.path), [store.path + "-wal", secret])
        XCTAssertEqual(broken.flatMap(\.fixes), ["chmod o-rwx \(store.path)-wal", "chmod 600 \(secret)"])
        XCTAssertEqual(try mode(store.path + "-wal"), 0o664, "read-only: it changes nothing")
    }
}
