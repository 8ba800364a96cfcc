import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

final class PresenceTests: StoreTestCase {
    func testPresenceShowsOthersAndExpiresByAge() throws {
        let id = try store.createConversation(conversation("x", minutesAgo: 1), actor: "t", at: now)
        let other = try SQLiteStore(path: store.path)
        try other.heartbeat(engineer: "dave", conversation: id, activity: .replying, host: "box", pid: 42, at: now)
        try store.heartbeat(engineer: "ana", conversation: id, activity: .viewing, host: "box", pid: 7, at: now)
        let seen = try store.presence(on: [id], excludingHost: "box", pid: 7, now: now.addingTimeInterval(1))
        XCTAssertEqual(seen.map(\.engineer), ["dave"], "not itself")
        XCTAssertEqual(seen.first?.activity, .replying)
        // No heartbeat for longer than the expiry: the process is taken for dead.
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box", pid: 7, now: now.addingTimeInterval(Presence.expirySeconds + 0.5)), [])
        try other.heartbeat(engineer: "dave", conversation: id, activity: .viewing, host: "box", pid: 42, at: now.addingTimeInterval(4))
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box", pid: 7, now: now.addingTimeInterval(4.5)).map(\.activity), [.viewing])
        try other.clearPresence(host: "box", pid: 42)
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box", pid: 7, now: now.addingTimeInterval(4.5)), [])
    }

    func testHeartbeatsLeaveTheStoresChangeFeedAlone() throws {
        let id = try store.createConversation(conversation("x", minutesAgo: 1), actor: "t", at: now)
        let other = try SQLiteStore(path: store.path)
        let token = try store.changeToken()
        try other.heartbeat(engineer: "dave", conversation: id, activity: .viewing, host: "box", pid: 42, at: now)
        XCTAssertEqual(try store.changeToken(), token, "a heartbeat wakes no screen")
        XCTAssertEqual(try store.presence(on: [id], excludingHost: "box", pid: 7, now: now).map(\.engineer), ["dave"])
        let mode = (try FileManager.default.attributesOfItem(atPath: store.path + "-presence")[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o660, "closed to others like the store")
    }

    func testTheStoreItselfHoldsNoPresenceTable() throws {
        let tables = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertFalse(tables.contains("presence"), "migration 4 dropped what migration 3 made")
    }

    func testDemoMarker() throws {
        XCTAssertFalse(try store.isDemo())
        try store.markAsDemo()
        XCTAssertTrue(try SQLiteStore(path: store.path).isDemo())
    }
}

final class PermissionTests: StoreTestCase {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func testAStoreBatonCreatesIsClosedToOthers() throws {
        XCTAssertEqual(try mode(store.path), 0o660)
        XCTAssertEqual(try mode(folder), 0o770)
        XCTAssertEqual(try mode(store.path + "-wal") & 0o007, 0, "SQLite gives the WAL the store's mode")
    }

    func testAStoreOthersCanReadIsRefusedWithTheCommandThatFixesIt() throws {
        chmod(store.path, 0o664)
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertEqual("\(error)", "refusing the store \(store.path): \(store.path) is mode 664, open to others, and customer data must stay within the team; fix it with: chmod o-rwx \(store.path)")
        }
        XCTAssertEqual(try mode(store.path), 0o664, "never changed silently")
        chmod(store.path, 0o660)
        chmod(folder, 0o777)
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertTrue("\(error)".hasSuffix("fix it with: chmod o-rwx \(folder!)"), "\(error)")
        }
        chmod(folder, 0o2770)
        XCTAssertNoThrow(try SQLiteStore(path: store.path))
    }
}

final class SharedStoreTests: StoreTestCase {
    func info(_ path: String) throws -> (mode: Int, gid: Int) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as! NSNumber).intValue, (attributes[.groupOwnerAccountID] as! NSNumber).intValue)
    }

    func testInitGivesTheStoreToTheGroupAndClosesItToOthers() throws {
        let group: gid_t = 100  // "users" on Debian
        let path = folder + "/team/baton.sqlite"
        let created = try SharedStore.create(at: path, groupID: group)
        XCTAssertEqual(created.folder, folder + "/team")
        XCTAssertEqual(try info(folder + "/team").mode, 0o2770)
        XCTAssertEqual(try info(folder + "/team").gid, 100)
        XCTAssertEqual(try info(path).mode, 0o660)
        XCTAssertEqual(try info(path).gid, 100)
        // A file SQLite makes later joins the group through the setgid folder.
        let store = try SQLiteStore(path: path)
        try store.markAsDemo()
        XCTAssertEqual(try info(path + "-wal").gid, 100)
        XCTAssertEqual(try info(path + "-wal").mode & 0o007, 0)
    }

    func testInitRefusesAFolderThatHoldsOtherFiles() throws {
        FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data())
        XCTAssertThrowsError(try SharedStore.create(at: folder + "/other.sqlite", groupID: 100)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(folder!) holds other files (baton.sqlite"), "\(error)")
        }
        XCTAssertEqual(try info(folder).mode, 0o770, "nothing changed")
    }
}
