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
        do {
            // write(contentsOf:) throws where write(_:) would trap: a full temp folder is said, not a crash.
            try handle.write(contentsOf: Data(initial.utf8))
            try handle.close()
        } catch {
            throw EditorError(message: "cannot write the draft to \(path) (\(error.localizedDescription)); free some space in \(NSTemporaryDirectory()) and try again")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command(environment: environment) + " \"$1\"", "baton-editor", path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw EditorError(message: "cannot start the editor \(command(environment: environment)): \(error)")
        }
        // The editor runs in a process group of its own, so the hangup may not reach it: once
        // one has come, ask the whole group to end (SIGTERM: editors save their state), then
        // insist; Foundation sees the exit only when every process of the group has gone.
        var hungUpAt: Date?
        while process.isRunning {
            if let since = hungUpAt {
                if Date().timeIntervalSince(since) > 2 { kill(-process.processIdentifier, SIGKILL) }
                if Date().timeIntervalSince(since) > 3 { break }
            } else if Hangups.arrived != nil {
                hungUpAt = Date()
                kill(-process.processIdentifier, SIGTERM)
            }
            // The run loop, not a sleep: Foundation learns of the child's exit through it.
            RunLoop.current.run(until: Date().addingTimeInterval(0.05))
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // A hangup (the SSH link dropped) or SIGTERM while the editor was open: whatever the
        // editor said, the person never finished; keep the text as a draft, send nothing.
        if let signal = Hangups.arrived { return .failed(status: 128 + signal, text: text) }
        if process.terminationStatus != 0 { return .failed(status: process.terminationStatus, text: text) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? .empty : .text(trimmed)
    }
}

/// SIGHUP and SIGTERM while an editor is open. Their usual handling would end baton (a
/// command) before the draft is saved, leaving it only in the temporary file; held here,
/// they are recorded, the caller saves the draft, and then they are raised again, so
/// baton ends as it would have (or the screen sees them as it always does).
public enum Hangups {
    /// The signal that arrived while held, 0 if none. Written by the handler only.
    nonisolated(unsafe) static let received: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()
    static let held = [SIGHUP, SIGTERM]

    static var arrived: Int32? { received.pointee == 0 ? nil : Int32(received.pointee) }

    /// Runs `body` with SIGHUP and SIGTERM recorded instead of acted on, then puts their
    /// handling back and raises the one that came, if any.
    public static func holding<T>(_ body: () throws -> T) rethrows -> T {
        received.pointee = 0
        var previous: [sigaction] = []
        for signal in held {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in Hangups.received.pointee = sig_atomic_t(signal) }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append(old)
        }
        defer {
            for (signal, old) in zip(held, previous) {
                var old = old
                sigaction(signal, &old, nil)
            }
            if let signal = arrived {
                received.pointee = 0
                raise(signal)
            }
        }
        return try body()
    }
}

public struct EditorError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
