@testable import BatonIngest
import Foundation
import XCTest

/// `make fuzz`'s seed corpus and every input it found that crashed or ran slow
/// (Fuzz/corpus/NAME and Fuzz/crashes/NAME), through the same parsers and the same checks
/// as the harnesses in Fuzz/Harnesses, in every `make test`.
final class FuzzCorpusTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Every file kept for a harness, by path.
    static func inputs(_ name: String) -> [(String, [UInt8])] {
        ["Fuzz/corpus/", "Fuzz/crashes/"].flatMap { folder -> [(String, [UInt8])] in
            let path = root + "/" + folder + name
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            return files.compactMap { file in FileManager.default.contents(atPath: path + "/" + file).map { (path + "/" + file, [UInt8]($0)) } }
        }
    }

    func timed(_ what: String, _ body: () -> Void) {
        let start = Date()
        body()
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "\(what): the fuzzer's timeout is 5 s")
    }

    func testMailCorpus() {
        let inputs = Self.inputs("mail")
        XCTAssertGreaterThanOrEqual(inputs.count, 9, "the seeds are the mail fixtures")
        for (path, bytes) in inputs {
            timed(path) {
                if let email = try? EmailMessage.parse(bytes) {
                    XCTAssertLessThanOrEqual(email.text.utf8.count, EmailMessage.maximumText, path)
                    XCTAssertLessThanOrEqual(email.subject.utf8.count, MailHeaders.maximumValue, path)
                }
                for entry in Mbox.messages(bytes).prefix(4) { _ = try? EmailMessage.parse(entry.raw) }
                let text = String(decoding: bytes, as: UTF8.self)
                _ = EncodedWords.decode(text)
                _ = HTMLText.text(text)
                _ = MailAddress.list(text)
            }
        }
    }

    func testSlackCorpus() {
        let inputs = Self.inputs("slack")
        XCTAssertGreaterThanOrEqual(inputs.count, 2)
        for (path, bytes) in inputs {
            timed(path) {
                let json = Data(bytes)
                let messages = (try? JSONDecoder().decode([SlackMessage].self, from: json))
                    ?? ((try? JSONDecoder().decode(SlackMessage.self, from: json)).map { [$0] } ?? [])
                for message in messages {
                    if case let .post(post) = message.item {
                        let seconds = post.createdAt.timeIntervalSince1970
                        XCTAssertTrue(seconds.isFinite && seconds > 0 && seconds <= SlackTime.latest, path)
                        _ = SlackMarkup.render(post.text, userName: { _ in nil })
                    }
                }
            }
        }
    }

    func testNPSCorpus() {
        let inputs = Self.inputs("nps")
        XCTAssertGreaterThanOrEqual(inputs.count, 1)
        for (path, bytes) in inputs {
            timed(path) {
                for answer in NPSAnswer.parse(csv: String(decoding: bytes, as: UTF8.self)).answers {
                    XCTAssertTrue((0...10).contains(answer.score), path)
                    XCTAssertTrue(answer.time.timeIntervalSince1970.isFinite, path)
                }
            }
        }
    }
}
