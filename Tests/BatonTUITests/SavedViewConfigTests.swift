import BatonConfig
import BatonCore
import XCTest
@testable import BatonTUI

/// `[[view]]` in baton.toml: read by the config, its key checked against the queue's bindings.
final class SavedViewConfigTests: XCTestCase {
    func parse(_ views: String) throws -> TeamConfig {
        try ConfigFile.parse("""
            [[tier]]
            id = "pro"
            first_response = "4h"
            \(views)
            """, file: "/etc/baton/baton.toml")
    }

    func testViewsAreReadInOrderWithAnOptionalKey() throws {
        let config = try parse("""
            [[view]]
            name = "billing"
            filter = "tag:billing is:unowned"
            key = "7"
            [[view]]
            name = "acme"
            filter = "customer:acme"
            """)
        XCTAssertEqual(config.views, [SavedView(name: "billing", filter: "tag:billing is:unowned", key: "7"),
                                      SavedView(name: "acme", filter: "customer:acme")])
        let views = try Bindings.views(config.views, file: "/etc/baton/baton.toml")
        XCTAssertEqual(views.count, Bindings.builtInViews.count + 2)
        XCTAssertEqual(Bindings.command(for: .character("7"), in: .queue, views: views), .view(6))
    }

    func testABadViewNamesTheFileAndKey() {
        XCTAssertThrowsError(try parse("[[view]]\nname = \"x\"\nfilter = \"y\"\nkey = \"ab\"")) { error in
            XCTAssertEqual("\(error)", "/etc/baton/baton.toml: view[1].key: \"ab\" is not one key; write a single character such as \"7\"")
        }
        XCTAssertThrowsError(try parse("[[view]]\nname = \"x\"")) { error in
            XCTAssertEqual("\(error)", "/etc/baton/baton.toml: view[1].filter: missing; this key is required")
        }
        XCTAssertThrowsError(try parse("[[view]]\nname = \"x\"\nfilter = \"y\"\ncolour = \"red\"")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/etc/baton/baton.toml: view[1].colour"), "\(error)")
        }
    }
}
