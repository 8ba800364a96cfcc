import Foundation
import XCTest
@testable import BatonPostgres

final class PostgresURLTests: XCTestCase {
    func testAFullURL() throws {
        let url = try PostgresURL("postgres://baton@db.example:5433/support?sslmode=require")
        XCTAssertEqual(url.user, "baton")
        XCTAssertEqual(url.host, "db.example")
        XCTAssertEqual(url.port, 5433)
        XCTAssertEqual(url.database, "support")
        XCTAssertEqual(url.sslMode, .require)
    }

    func testDefaultsArePort5432AndSSLModePrefer() throws {
        let url = try PostgresURL("postgresql://ana%40team@[::1]/baton")
        XCTAssertEqual(url.user, "ana@team")
        XCTAssertEqual(url.host, "::1")
        XCTAssertEqual(url.port, 5432)
        XCTAssertEqual(url.sslMode, .prefer)
        XCTAssertEqual(url.description, "postgres://ana%40team@[::1]:5432/baton?sslmode=prefer")
    }

    func testMistakesAreNamed() {
        let cases = [
            ("postgres://baton:secret@db/baton", "holds a password"),
            ("postgres://db/baton", "names no user"),
            ("postgres://baton@db", "names no database"),
            ("postgres://baton@db:99999/baton", "port \"99999\""),
            ("postgres://baton@db/baton?sslmode=verify-full", "sslmode \"verify-full\" is not one of disable, prefer, require"),
            ("postgres://baton@db/baton?connect_timeout=3", "unknown parameter \"connect_timeout\""),
            ("mysql://baton@db/baton", "does not start with postgres://"),
        ]
        for (text, problem) in cases {
            XCTAssertThrowsError(try PostgresURL(text), text) { error in
                XCTAssertTrue("\(error)".contains(problem), "\(text): \(error)")
                XCTAssertTrue("\(error)".hasPrefix("store: \"\(text)\""), "\(error)")
            }
        }
    }
}
