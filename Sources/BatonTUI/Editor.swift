import Foundation

/// What came back from the editor.
public enum EditorOutcome: Equatable, Sendable {
    case text(String)
    /// The file was left empty: the person changed their mind.
    case empty
    /// The editor failed; what the file held then is kept as a draft.
    case failed(status: Int32, text: String)
}

/// Replies and notes are written in the engineer's own editor: `$EDITOR`, then `$VISUAL`,
/// then vi, on a private temporary file. The command goes through /bin/sh so that an
/// EDITOR with arguments ("vim -u NONE", "code --wait") works as it does in git.
public enum Editor {
    public static func command(environment: [String: String]) -> String {
        for name in ["EDITOR", "VISUAL"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    public static func compose(initial: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EditorOutcome {
        var template = Array((NSTemporaryDirectory() + "baton-XXXXXX.txt").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { throw EditorError(message: "cannot create a temporary file in \(NSTemporaryDirectory())") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(initial.utf8))
        try? handle.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command(environment: environment) + " \"$1\"", "baton-editor", path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw EditorError(message: "cannot start the editor \(command(environment: environment)): \(error)")
        }
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if process.terminationStatus != 0 { return .failed(status: process.terminationStatus, text: text) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? .empty : .text(trimmed)
    }
}

public struct EditorError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
