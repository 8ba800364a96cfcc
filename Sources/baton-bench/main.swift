import BatonConfig
import BatonCore
import BatonStore
import BatonTUI
import Foundation

// `make bench`: the figures the issues ask for, from a release build. Not a test: the
// machines are shared and noisy, so each figure is the median of several runs.

let root = FileManager.default.currentDirectoryPath
let folder = root + "/.build/bench"
let storePath = folder + "/bench.sqlite"
let configPath = folder + "/baton.toml"
let conversations = 100_000
let messagesPerConversation = 10

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
let demoConfig = """
    store = "bench.sqlite"
    [[tier]]
    id = "enterprise"
    short = "ENT"
    first_response = "1h"
    next_response = "4h"
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
    tier = "enterprise"
    [[customer]]
    id = "globex"
    name = "Globex"
    tier = "pro"
    """
try demoConfig.write(toFile: configPath, atomically: true, encoding: .utf8)
let team = try ConfigFile.load(path: configPath)
let store = try SQLiteStore(path: storePath)
try store.syncTeam(team)

// 1. A store of 100,000 conversations and 1,000,000 messages, built once and kept.
let now = Date()
if try store.queueSize(QueueQuery(includeClosed: true)) < conversations {
    print("building the bench store: \(conversations) conversations, \(conversations * messagesPerConversation) messages ...")
    var random = SeededRandom(seed: 7)
    let elapsed = try seconds {
        for batchStart in stride(from: 0, to: conversations, by: 2_000) {
            let batch = (batchStart..<(batchStart + 2_000)).map { index -> NewConversation in
                let start = now.addingTimeInterval(-Double(random.next() % (30 * 86_400)))
                var messages: [NewMessage] = []
                for turn in 0...messagesPerConversation {
                    let fromCustomer = turn % 2 == 0
                    let body = "Message \(turn) of conversation \(index): the router drops subscriptions after a deploy, logs attached."
                    messages.append(NewMessage(authorKind: fromCustomer ? .customer : .team, authorName: fromCustomer ? "Priya" : "Ana",
                                               body: body, createdAt: start.addingTimeInterval(Double(turn * 600))))
                }
                // One in seven is still open, its customer waiting on the last word; the rest are done.
                let status: ConversationStatus? = index % 7 == 0 ? nil : (index % 2 == 0 ? .solved : .closed)
                return NewConversation(externalKey: "bench:\(index)", customerID: index % 3 == 0 ? "globex" : "acme",
                                       customerName: index % 3 == 0 ? "Globex" : "Acme", tierID: index % 3 == 0 ? "pro" : "enterprise",
                                       subject: "Conversation \(index) about subscriptions", source: index % 2 == 0 ? .slack : .email,
                                       ownerID: index % 4 == 0 ? nil : "ana", status: status,
                                       messages: index % 7 == 0 ? messages : Array(messages.prefix(messagesPerConversation)))
            }
            try store.createConversations(batch, actor: "bench", at: now)
        }
    }
    print(String(format: "  built in %.1f s", elapsed))
}
let messageCount = try store.messageCount()
print("store: \(try store.queueSize(QueueQuery(includeClosed: true))) conversations, \(messageCount) messages, \(try store.queueSize(QueueQuery())) open")

// 2. First frame from process start, and resident memory, for the real binary in a pty.
let baton = root + "/.build/release/baton"
var times: [Double] = []
for _ in 0..<7 {
    var pid: pid_t = 0
    // script(1) gives baton a pty, as an SSH session would; what it draws is thrown away.
    let line = "script -qec 'BATON_BENCH_FIRST_FRAME=1 TERM=xterm-256color \(baton) --config \(configPath)' /dev/null >/dev/null"
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(line), nil]
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { fatalError("cannot start script") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    if status != 0 { fatalError("baton did not draw its first frame (wait status \(status))") }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    argv.forEach { free($0) }
}
// The largest of sh, script and baton: baton, whose peak is what the figure is about.
var children = rusage()
getrusage(RUSAGE_CHILDREN.rawValue, &children)
print(String(format: "first frame, process start to first frame drawn and exit (median of 7, incl. the pty wrapper): %.0f ms", median(times)))
print("peak resident memory of any child process: \(children.ru_maxrss / 1024) MB")

// 3. A keystroke that moves the selection: time and bytes ncurses writes.
setenv("LINES", "24", 1)
setenv("COLUMNS", "80", 1)
let outputPath = folder + "/keystroke.out"
let output = fopen(outputPath, "w")!
let terminal = try CursesTerminal(input: fopen("/dev/null", "r"), output: output, terminalType: "xterm-256color", allowColor: true)
let theme = (try? ThemeFile.load(path: root + "/themes/dark.toml")) ?? .monochrome
let app = App(store: store, team: team, theme: theme, terminal: terminal)
app.start()
fflush(output)
var keyTimes: [Double] = []
var keyBytes: [Int] = []
for index in 0..<200 {
    let before = ftell(output)
    let key: Key = index % 40 < 20 ? .character("j") : .character("k")
    keyTimes.append(seconds { app.handle(key); fflush(output) } * 1_000)
    keyBytes.append(ftell(output) - before)
}
terminal.close()
print(String(format: "keystroke j/k redraw, median of 200: %.2f ms (95th percentile %.2f ms)", median(keyTimes), keyTimes.sorted()[190]))
print("bytes ncurses wrote per j/k keystroke: median \(keyBytes.sorted()[100]), max \(keyBytes.max()!)")

// 4. The rotation (issue 3).
RotationBench.run(baton: baton, configPath: configPath)
