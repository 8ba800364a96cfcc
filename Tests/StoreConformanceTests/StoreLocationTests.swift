import BatonStore
import Foundation
import XCTest

/// The factory's choice of backend, and where each keeps the files that go with a store.
final class StoreLocationTests: XCTestCase {
    func testThePathOrTheSchemeChoosesTheBackend() {
        XCTAssertEqual(StoreLocation("/srv/baton/store.sqlite"), .sqlite(path: "/srv/baton/store.sqlite"))
        XCTAssertEqual(StoreLocation("postgres://baton@db:5432/baton"), .postgres(url: "postgres://baton@db:5432/baton"))
        XCTAssertEqual(StoreLocation("PostgreSQL://baton@db/baton"), .postgres(url: "PostgreSQL://baton@db/baton"))
    }

    func testSideFilesLiveBesideAFileOrInThePrivateStateFolder() throws {
        XCTAssertEqual(StoreLocation("/srv/baton/store.sqlite").localFilesBase(), "/srv/baton/store.sqlite")
        let state = NSTemporaryDirectory() + "baton-state-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let base = StoreLocation("postgres://baton@db.internal:5433/support?sslmode=require").localFilesBase(environment: ["XDG_STATE_HOME": state])
        XCTAssertEqual(base, state + "/baton/db.internal-5433-support")
        let mode = try FileManager.default.attributesOfItem(atPath: state + "/baton")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700, "made private, for the engineer alone")
    }

}
