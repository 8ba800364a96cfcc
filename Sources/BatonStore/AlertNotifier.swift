import BatonCore
import Foundation

/// Runs `notify_command` for alerts (issue 12, item 10): the program and its arguments as
/// `CommandWords` split them (no shell), the alert in its environment (`BATON_ALERT` the
/// kind, `BATON_CONVERSATION`, `BATON_CUSTOMER`, `BATON_SUBJECT`, `BATON_DUE` an RFC 3339
/// UTC instant or empty, `BATON_ENGINEER` empty for nobody, `BATON_TEXT` the alert's line),
/// at most once per alert across every process (the store's claim decides), each run
/// killed after `timeout` seconds. Runs happen on a queue of their own, so a slow or
/// failing program never holds up a screen; outcomes are stored, failures as events and
/// through `log`.
public final class AlertNotifier: @unchecked Sendable {
    let store: AlertStore
    let team: TeamConfig
    let claimant: String
    let actor: String
    let timeout: TimeInterval
    let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "baton.notify")
    private let group = DispatchGroup()

    /// Seconds a notify_command may run: 30.
    public static let defaultTimeout: TimeInterval = 30

    /// `store` should be a connection of its own: runs write their outcome from the queue.
    public init(store: AlertStore, team: TeamConfig, actor: String, timeout: TimeInterval = AlertNotifier.defaultTimeout,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.team = team
        self.claimant = "\(Self.hostName):\(getpid())"
        self.actor = actor
        self.timeout = timeout
        self.log = log
    }

    /// Claims and runs, off the caller's thread, the command of each alert that has one.
    public func notify(_ records: [AlertRecord], now: Date) {
        let due = records.filter { team.notifyCommand(for: $0.alert.engineer) != nil }
        guard !due.isEmpty else { return }
        queue.async(group: group) { [self] in
            for record in due { run(record, now: now) }
        }
    }

    /// Waits until the runs asked for so far are over (tests, and a process about to exit).
    public func wait() { group.wait() }

    func run(_ record: AlertRecord, now: Date) {
        guard let command = team.notifyCommand(for: record.alert.engineer) else { return }
        do {
            guard try store.claimNotify(record.id, claimant: claimant, at: now) else { return }
        } catch {
            log("notify_command for alert \(record.id): cannot claim it: \(error)")
            return
        }
        let (outcome, failed) = Self.execute(command, environment: Self.environment(for: record.alert), timeout: timeout)
        if failed { log("notify_command for alert \(record.id) (\(record.alert.kind.rawValue)) failed: \(outcome)") }
        do { try store.recordNotifyOutcome(record.id, outcome: outcome, failed: failed, actor: actor, at: Date()) } catch {
            log("notify_command for alert \(record.id): \(outcome); cannot record it: \(error)")
        }
    }

    /// The variables a notify_command reads, beside the environment baton runs in.
    public static func environment(for alert: Alert) -> [String: String] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return [
            "BATON_ALERT": alert.kind.rawValue,
            "BATON_CONVERSATION": alert.conversation.map(String.init) ?? "",
            "BATON_CUSTOMER": alert.customer ?? "",
            "BATON_SUBJECT": alert.subject,
            "BATON_DUE": alert.due.map(formatter.string(from:)) ?? "",
            "BATON_ENGINEER": alert.engineer ?? "",
            "BATON_TEXT": alert.text,
        ]
    }

    /// Runs `command` to its end or its timeout; the outcome said in one line, and whether it failed.
    static func execute(_ command: [String], environment: [String: String], timeout: TimeInterval) -> (String, Bool) {
        guard let program = resolve(command[0]) else { return ("\(command[0]): no such program", true) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baton-notify-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil, attributes: [.posixPermissions: 0o600])
        defer { try? FileManager.default.removeItem(at: output) }
        // A file, not a pipe: a program that forks a daemon keeps a pipe open for ever.
        guard let handle = try? FileHandle(forWritingTo: output) else { return ("cannot make a file for its output", true) }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            return ("cannot run \(program): \(error.localizedDescription)", true)
        }
        try? handle.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            return ("timed out after \(String(format: "%g", timeout)) s", true)
        }
        let said = (try? String(contentsOf: output, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let tail = said.isEmpty ? "" : ": " + String(TerminalText.glyphs(String(said.prefix(300))).map(\.text).joined())
        let name = (program as NSString).lastPathComponent
        if process.terminationReason == .uncaughtSignal { return ("\(name) was killed by signal \(process.terminationStatus)\(tail)", true) }
        return ("\(name) exit \(process.terminationStatus)\(tail)", process.terminationStatus != 0)
    }

    /// A path as is; a bare name looked up in $PATH.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension AlertNotifier {
    /// gethostname(2) alone, never a DNS lookup.
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
