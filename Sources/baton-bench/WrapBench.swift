import BatonCore
import Foundation

/// Issue 11 item 5 and issue 17 item 9: wrapping and measuring stay linear in the text. A
/// pasted log of 240 KB on one line and an 18 KB subject, at 80 and 200 columns, words kept
/// whole (`conv show`) and broken (the screen). Before the fix the unbroken 240 KB line took
/// `conv show` 26 s.
enum WrapBench {
    static func run() {
        var random = SeededRandom(seed: 11)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789=:/._-")
        let log = String((0..<240 * 1_024).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        let subject = String(repeating: "Router drops subscriptions after deploy ", count: 18 * 1_024 / 40)
        for (label, text) in [("240 KB one-line message", log), ("18 KB subject", subject)] {
            for width in [80, 200] {
                for breaking in [false, true] {
                    var lines = 0
                    let times = (0..<5).map { _ in seconds { lines = TerminalText.wrap(text, width: width, breakingWords: breaking).count } * 1_000 }
                    print(String(format: "wrap %@ at %d columns, %@: %d lines, median of 5: %.1f ms",
                                 label, width, breaking ? "breaking words" : "words whole", lines, median(times)))
                }
            }
            let measure = (0..<5).map { _ in seconds { _ = TerminalText.width(text); _ = TerminalText.truncate(text, to: 200) } * 1_000 }
            print(String(format: "width and truncate of the %@, median of 5: %.1f ms", label, median(measure)))
        }
    }
}
