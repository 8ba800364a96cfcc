import BatonConfig
import BatonCore
import BatonStore
import BatonTUI
import Foundation

/// Issue 11 item 5: a conversation whose message is one 240 KB line (a pasted log), and one
/// whose subject is 18 KB. For each, a j/k keystroke with the conversation open (target under
/// 5 ms; it was about 0.4 s when the thread was wrapped on every key) and the CPU an idle
/// screen on it uses (target under 0.5% of a core; it was a fifth), the real binary in tmux.
enum ConversationBench {
    static func run(baton: String, folder: String) throws {
        let benchFolder = folder + "/conversation"
        try? FileManager.default.removeItem(atPath: benchFolder)
        try FileManager.default.createDirectory(atPath: benchFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let configPath = benchFolder + "/baton.toml"
        try """
            store = "conversation.sqlite"
            [[tier]]
            id = "pro"
            short = "PRO"
            first_response = "4h"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[region]]
            id = "europe"
            tz = "Europe/Berlin"
            takes_point = "07:00"
            roster = ["ana"]
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "pro"
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let team = try ConfigFile.load(path: configPath)
        let store = try openStore(location: benchFolder + "/conversation.sqlite")
        try store.syncTeam(team)

        var random = SeededRandom(seed: 11)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789=:/._-")
        let log = String((0..<240 * 1_024).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        let subject = String(repeating: "Router drops subscriptions after deploy ", count: 18 * 1_024 / 40)
        let now = Date()
        func add(subject: String, body: String) throws -> Int64 {
            try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "pro", subject: subject, source: .email,
                                                         messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: body, createdAt: now.addingTimeInterval(-600)),
                                                                    NewMessage(authorKind: .team, authorName: "Ana", body: "Looking now.", createdAt: now.addingTimeInterval(-60))]),
                                         actor: "bench", at: now)
        }
        let cases = [("240 KB one-line message", try add(subject: "Pasted log", body: log)),
                     ("18 KB subject", try add(subject: subject, body: "The router drops subscriptions after a deploy.\n" + subject))]
        for (label, id) in cases {
            try keystrokes(label: label, id: id, store: store, team: team, folder: benchFolder)
        }
        for (label, id) in cases {
            idle(label: label, id: id, baton: baton, configPath: configPath)
        }
    }

    /// j/k with the conversation open, through the real loop and ncurses, output to a file.
    static func keystrokes(label: String, id: Int64, store: StoreBackend, team: TeamConfig, folder: String) throws {
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
        let output = fopen(folder + "/keystroke.out", "w")!
        let terminal = try CursesTerminal(input: fopen("/dev/null", "r"), output: output, terminalType: "xterm-256color", allowColor: true)
        let app = App(store: store, team: team, theme: .monochrome, terminal: terminal)
        app.start()
        var opening = 0.0
        opening = seconds {
            for key in [Key.character(":")] + "\(id)".map(Key.character) + [.enter] { app.handle(key) }
        } * 1_000
        guard app.state.conversation?.detail.row.id == id else { fatalError("conversation \(id) did not open") }
        var times: [Double] = []
        for index in 0..<200 {
            let key: Key = index % 40 < 20 ? .character("j") : .character("k")
            times.append(seconds { app.handle(key); fflush(output) } * 1_000)
        }
        var ticks: [Double] = []
        for _ in 0..<20 { ticks.append(seconds { app.tick() } * 1_000) }
        terminal.close()
        fclose(output)
        print(String(format: "conversation with a %@: opening %.1f ms; j/k keystroke median of 200 %.2f ms (95th percentile %.2f ms); idle tick median of 20 %.2f ms",
                     label, opening, median(times), times.sorted()[190], median(ticks)))
        fflush(nil)  // every stream: the figure survives a later failure
    }

    /// The real binary in a tmux pane, the conversation opened with `:id`, left alone: the
    /// CPU it used over eight seconds, from /proc/PID/stat (utime + stime, in clock ticks).
    static func idle(label: String, id: Int64, baton: String, configPath: String) {
        let socket = "baton-bench-\(getpid())-\(id)"  // one server per case: the last one may still be going away
        // posix_spawn and waitpid, as timeProcess does: Foundation's Process did not see the
        // tmux client exit here. Output goes through a file, which the server cannot hold open.
        let outPath = configPath + ".tmux-out"
        func tmux(_ arguments: [String], reading: Bool = true) -> String {
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, reading ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
            guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ) == 0 else { fatalError("cannot start tmux") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            guard reading else { return "" }
            return ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "exec env TERM=xterm-256color \(baton) --config \(configPath)"], reading: false)
        defer { _ = tmux(["kill-server"], reading: false) }
        usleep(1_500_000)
        _ = tmux(["send-keys", ":\(id)", "Enter"])
        usleep(1_500_000)
        let screen = tmux(["capture-pane", "-p"])
        guard screen.contains("#\(id) ") else { fatalError("conversation \(id) is not on the screen:\n\(screen)") }
        guard let pid = Int32(tmux(["display-message", "-p", "#{pane_pid}"])) else { fatalError("no pane pid") }
        func cpuTicks() -> Int {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { fatalError("cannot read /proc/\(pid)/stat") }
            // After "pid (comm)": state is field 3, utime field 14, stime field 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return Int(fields[11])! + Int(fields[12])!
        }
        let window = 8.0
        let before = cpuTicks()
        let start = DispatchTime.now().uptimeNanoseconds
        usleep(UInt32(window * 1_000_000))
        let used = Double(cpuTicks() - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "idle screen on the conversation with a %@, real binary in tmux: %.2f%% of a core over %.1f s (%.2f s CPU)",
                     label, used / elapsed * 100, elapsed, used))
        fflush(nil)  // every stream: the figure survives a later failure
    }
}
