import BatonCore
@testable import BatonIngest
import Foundation
import XCTest

/// Every part a person would read, in order: text, an inline image named where it was,
/// more text, a forwarded message, Outlook's winmail.dat body; files named after.
final class ReadablePartsTests: XCTestCase {
    func parse(_ name: String) throws -> EmailMessage {
        try EmailMessage.parse(try IngestTestCase.bytes(name))
    }

    func testTextImageTextForwardedAndWinmailAreAllReadInOrder() throws {
        let email = try parse("email/parts/text-image-text.eml")
        XCTAssertEqual(email.problems, [])
        // Sizes are of the part as it came (base64 and all), as before.
        XCTAssertEqual(email.text, """
            Here is what I see:

            [image: screenshot.png, 98 bytes]

            Why does it stop at 99 %? Café team is waiting.

            ---------- Forwarded message ----------
            From: Road Runner <rr@acme.io>
            Date: Sun, 22 Nov 2026 18:00:00 +0000
            Subject: Export fehlgeschlagen – bitte prüfen

            The export failed again – Málaga office ∳ ⪢̸

            Please see the attached log.
            The export fails at 99%.

            [attachment: export.log, 106 bytes]
            """)
    }

    func testAWinmailWithoutAPlainBodyIsNamed() throws {
        let email = try parse("email/parts/tnef-without-body.eml")
        XCTAssertTrue(email.text.contains("[attachment: winmail.dat"), email.text)
    }

    func testTheWholeHTML5EntityTableIsKnown() {
        XCTAssertEqual(HTMLText.named.count, 2125)
        XCTAssertEqual(HTMLText.text("&aacute;&Aring;&bigstar;&fjlig;&amp;&nbsp;&#x263A;&unknownname;"), "áÅ★fj& ☺&unknownname;")
    }
}
