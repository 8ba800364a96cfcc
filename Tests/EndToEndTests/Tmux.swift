import Foundation
import XCTest

/// A private tmux server for one test: start a program in a pane, type, read the screen.
final class Tmux {
    let socket = "baton-e2e-\(UUID().uuidString.prefix(8))"

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        try Shell.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
    }

    func start(_ command: String, width: Int = 80, height: Int = 24, session: String = "main") throws {
        // Spawned and reaped directly: the tmux server is a daemon (see `Shell.spawnAndWait`).
        let line = "tmux -L \(socket) new-session -d -s \(session) -x \(width) -y \(height) '"
            + command.replacingOccurrences(of: "'", with: "'\\''") + "' </dev/null >/dev/null 2>&1"
        try Shell.spawnAndWait(line)
    }

    func keys(_ keys: String..., session: String = "main") throws {
        try run(["send-keys", "-t", session] + keys)
    }

    func screen(session: String = "main") throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    func wait(for description: String, timeout: TimeInterval = 5, session: String = "main", _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen(session: session)) ?? last
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(description); the screen was:\n\(last)")
        return last
    }

    func kill() { _ = try? run(["kill-server"]) }
}

enum Shell {
    /// Runs a `/bin/sh -c` line spawned and reaped directly, and returns its wait status.
    /// For lines that start a daemon (the tmux server, PostgreSQL's pg_ctl): Foundation's
    /// Process waits for descriptors the daemon inherits and keeps, so it would never end.
    @discardableResult
    static func spawnAndWait(_ line: String) throws -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(line), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw ShellError(command: line, status: -1, stderr: "spawn failed") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    /// Runs a program to its end and returns its standard output; fails on a non-zero exit.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        // Files, not pipes: a tmux server started here keeps its inherited descriptors open,
        // and a pipe would never reach its end.
        let base = NSTemporaryDirectory() + "baton-shell-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer { unlink(base + ".out"); unlink(base + ".err") }
        process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
        process.standardError = FileHandle(forWritingAtPath: base + ".err")
        if let input {
            FileManager.default.createFile(atPath: base + ".in", contents: Data(input.utf8))
            process.standardInput = FileHandle(forReadingAtPath: base + ".in")
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { unlink(base + ".in") }
        try process.run()
        process.waitUntilExit()
        let data = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errorData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        guard process.terminationStatus == 0 else {
            throw ShellError(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
                             stderr: String(decoding: errorData, as: UTF8.self), stdout: String(decoding: data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ShellError: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var stderr: String
    /// What it printed before it failed (a report that exits non-zero on purpose).
    var stdout = ""
    var description: String { "\(command) exited \(status): \(stderr)" }
}
