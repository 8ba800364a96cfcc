import Foundation
import XCTest
@testable import BatonPostgres

/// libpq's password rules, in the subset baton promises, on real files.
final class PgpassTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-pgpass-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ text: String, mode: Int) throws -> String {
        let path = folder + "/pgpass"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func lookup(_ path: String, host: String = "db.example", port: Int = 5432, database: String = "baton", user: String = "ana",
                extra: [String: String] = [:]) -> Pgpass.Found {
        Pgpass.password(host: host, port: port, database: database, user: user, environment: ["PGPASSFILE": path].merging(extra) { $1 })
    }

    func testTheFirstMatchingLineWinsAndStarsMatchAnything() throws {
        let path = try write("""
            # comments are skipped
            other.example:5432:baton:ana:wrong-host
            db.example:5432:baton:ana:first
            *:*:*:ana:second
            """, mode: 0o600)
        XCTAssertEqual(lookup(path).password, "first")
        XCTAssertEqual(lookup(path, host: "elsewhere", port: 6000).password, "second")
        XCTAssertNil(lookup(path, user: "dave").password)
    }

    func testBackslashEscapesColonsAndBackslashes() throws {
        let path = try write("db.example:5432:baton:ana:pa\\:ss\\\\word\n", mode: 0o600)
        XCTAssertEqual(lookup(path).password, "pa:ss\\word")
        let escapedStar = try write("\\*:5432:baton:ana:star\n", mode: 0o600)
        XCTAssertNil(lookup(escapedStar).password, "an escaped star is a star, not the wildcard")
        XCTAssertEqual(lookup(escapedStar, host: "*").password, "star")
    }

    func testAFileOthersCanReadIsIgnoredWithAWarning() throws {
        let path = try write("*:*:*:*:secret\n", mode: 0o640)
        let found = lookup(path)
        XCTAssertNil(found.password)
        XCTAssertEqual(found.warning, "\(path) has mode 640; ignored, as libpq does: the password file must be 0600 or stricter (chmod 600 \(path))")
        XCTAssertEqual(lookup(try write("*:*:*:*:secret\n", mode: 0o400)).password, "secret", "read-only for the owner is stricter, and read")
    }

    func testPGPASSWORDComesFirst() throws {
        let path = try write("*:*:*:*:from-file\n", mode: 0o600)
        XCTAssertEqual(lookup(path, extra: ["PGPASSWORD": "from-env"]).password, "from-env")
        XCTAssertEqual(lookup(folder + "/missing").password, nil)
    }
}
