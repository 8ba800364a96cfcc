import BatonCore
import BatonStore
import BatonTUI
import Foundation

/// `baton conv reply` in an editor shows as "is replying" on every screen, like the
/// screen's own reply: a heartbeat each second from a thread while the editor is open.
final class ReplyingPresence: @unchecked Sendable {
    let store: StoreBackend
    let engineer: String
    let conversation: Int64
    let host = HostName.current
    let pid = getpid()
    private let lock = NSLock()
    private var running = true
    private let stopped = DispatchSemaphore(value: 0)

    init(store: StoreBackend, engineer: String, conversation: Int64) {
        self.store = store
        self.engineer = engineer
        self.conversation = conversation
    }

    /// Others already replying there, to ask about before the editor opens.
    func othersReplying() throws -> [Presence] {
        try store.presence(on: [conversation], excludingHost: host, pid: pid, now: Date()).filter { $0.activity == .replying }
    }

    func start() {
        Thread {
            while self.lock.withLock({ self.running }) {
                try? self.store.heartbeat(engineer: self.engineer, conversation: self.conversation, activity: .replying,
                                          host: self.host, pid: self.pid, at: Date())
                Thread.sleep(forTimeInterval: Presence.heartbeatSeconds)
            }
            self.stopped.signal()
        }.start()
    }

    func stop() {
        lock.withLock { running = false }
        stopped.wait()
        try? store.clearPresence(host: host, pid: pid)
    }
}

/// Asks a yes/no question on the terminal; anything but y or yes is no.
enum TerminalQuestion {
    static func ask(_ question: String) -> Bool {
        // The question names people and quotes nothing a customer wrote, but names come
        // from Slack profiles and mail headers: made safe like every other line.
        FileHandle.standardError.write(Data((TerminalText.line(question) + " [y/N] ").utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
