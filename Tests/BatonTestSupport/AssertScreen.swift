import BatonTUI
import XCTest

/// Compares what a grid shows with the expected text, line by line (trailing spaces
/// ignored), and on a mismatch prints both screens with the first differing line marked.
public func assertScreen(_ grid: ScreenGrid?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    guard let grid else { return XCTFail("no frame was drawn", file: file, line: line) }
    let actualLines = grid.text.components(separatedBy: "\n")
    let expectedLines = expected.components(separatedBy: "\n").map { text -> String in
        var trimmed = text
        while trimmed.hasSuffix(" ") { trimmed.removeLast() }
        return trimmed
    }
    guard actualLines != expectedLines else { return }
    let first = (0..<min(actualLines.count, expectedLines.count)).first { actualLines[$0] != expectedLines[$0] } ?? min(actualLines.count, expectedLines.count)
    var report = "screen differs at line \(first + 1)\n--- expected\n"
    for (index, text) in expectedLines.enumerated() { report += (index == first ? "> " : "  ") + text + "\n" }
    report += "--- actual\n"
    for (index, text) in actualLines.enumerated() { report += (index == first ? "> " : "  ") + text + "\n" }
    XCTFail(report, file: file, line: line)
}
