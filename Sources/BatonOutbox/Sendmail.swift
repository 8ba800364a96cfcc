import Foundation

/// Hands a message to a sendmail-compatible program (Postfix's or exim's sendmail, msmtp),
/// as mutt and git send-email do: run without a shell, the message on its standard input,
/// its exit status read (sysexits.h: 0 accepted, 75 EX_TEMPFAIL try later).
public struct Sendmail: Sendable {
    public enum Result: Equatable, Sendable {
        case accepted
        /// Exit 75: the program will not take it now (the relay is down); try later.
        case temporaryFailure(String)
        case failure(String)
    }

    /// The program and its arguments (`CommandWords.split` of `[email] sendmail`).
    public var command: [String]

    public init(command: [String]) { self.command = command }

    /// Runs the program once with `message` on its standard input and waits for it.
    public func deliver(_ message: String) -> Result {
        guard let program = Self.resolve(command[0]) else {
            return .failure("\(command[0]): no such program (set [email] sendmail in baton.toml)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = errors
        do { try process.run() } catch {
            return .failure("cannot run \(program): \(error.localizedDescription)")
        }
        // Read what it says on another thread: a program that writes much while we write
        // its input must not block us both.
        let said = SaidBox()
        let reader = Thread {
            said.data = errors.fileHandleForReading.readDataToEndOfFile()
            said.done.signal()
        }
        reader.start()
        let handle = input.fileHandleForWriting
        // A program that exits without reading everything closes the pipe: SIGPIPE is ignored
        // by the sender (see OutboxSender), so the write fails instead of killing baton.
        try? handle.write(contentsOf: Data(message.utf8))
        try? handle.close()
        process.waitUntilExit()
        said.done.wait()
        let text = String(decoding: said.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let name = (program as NSString).lastPathComponent
        if process.terminationReason == .uncaughtSignal {
            return .failure("\(name) was killed by signal \(process.terminationStatus)" + (text.isEmpty ? "" : ": " + String(text.prefix(500))))
        }
        switch process.terminationStatus {
        case 0: return .accepted
        case 75: return .temporaryFailure("\(name) exit 75 (try later)" + (text.isEmpty ? "" : ": " + String(text.prefix(500))))
        case let status: return .failure(text.isEmpty ? "\(name) exit \(status)" : "\(name) exit \(status): " + String(text.prefix(500)))
        }
    }

    /// What the program wrote, handed from the reading thread after `done` is signalled.
    final class SaidBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// An absolute or relative path as is; a bare name looked up in $PATH.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
