import XCTest
@testable import BatonConfig

/// Parses `text` as baton.toml and returns the ConfigError it must throw.
func configError(_ text: String, file: String = "/srv/team/baton.toml", line: UInt = #line) -> ConfigError? {
    do {
        _ = try ConfigFile.parse(text, file: file)
        XCTFail("expected a ConfigError, but the file parsed", line: line)
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        XCTFail("expected a ConfigError, got \(error)", line: line)
        return nil
    }
}

/// Asserts that `text` fails naming `file`, `key`, and a message containing each of `words`.
func assertConfigError(_ text: String, key: String, _ words: String..., file: String = "/srv/team/baton.toml", line: UInt = #line) {
    guard let error = configError(text, file: file, line: line) else { return }
    XCTAssertEqual(error.file, file, line: line)
    XCTAssertEqual(error.key, key, "message: \(error.message)", line: line)
    for word in words {
        XCTAssertTrue(error.message.contains(word), "\(error.message.debugDescription) lacks \(word.debugDescription)", line: line)
    }
    XCTAssertTrue(error.description.hasPrefix(key.isEmpty ? "\(file): " : "\(file): \(key): "), error.description, line: line)
}
