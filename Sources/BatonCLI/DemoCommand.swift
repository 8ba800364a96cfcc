import ArgumentParser
import BatonConfig
import BatonCore
import BatonStore
import BatonTUI
import Foundation

/// `baton demo`: a live demo on a local store, with a feeder writing as customers do.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the live demo: a demo store under $XDG_DATA_HOME/baton/demo with a feeder adding customer messages.")

    @Flag(help: "Start over: a fresh config and store.") var reset = false
    @Flag(help: "Set up the demo store and print its config path, without opening the screen.") var setupOnly = false
    @Option(help: "Seconds between the feeder's messages.") var interval: Double = 4
    @Option(help: "A theme from themes/ or a theme file's path.") var theme: String?
    @Option(help: "Run the demo's clock this many times faster than real time (600: ten minutes a second), to watch a handoff happen.")
    var clockSpeed: Double = 1

    func run() throws {
        try reportingFailures {
            guard interval >= 0.1 else { throw Failure(description: "--interval \(interval): expected at least 0.1 seconds between messages", exitCode: 2) }
            guard clockSpeed > 0, clockSpeed <= 100_000 else { throw Failure(description: "--clock-speed \(clockSpeed): expected more than 0 and at most 100000", exitCode: 2) }
            if clockSpeed != 1 {
                // Set before the clock is first read. A BATON_NOW given is where the fast clock
                // starts (a look at next week's handoff, sped up); without one it starts now.
                if (ProcessInfo.processInfo.environment["BATON_NOW"] ?? "").isEmpty {
                    setenv("BATON_NOW", CalendarText.rfc3339(Date()), 1)
                }
                setenv("BATON_CLOCK_SPEED", String(clockSpeed), 1)
            }
            let configPath = try DemoSetup.prepare(reset: reset)
            if setupOnly {
                print(configPath)
                return
            }
            let context = try Context.load(path: configPath)
            // On the demo, act as Ana unless BATON_AS names someone else: the demo's
            // roster has nobody with your Unix user.
            setenv("BATON_AS", context.team.engineers.first?.id ?? "", 0)
            if !Clock.isReal {
                // The feeder's clock goes on from this screen's, not from where it started.
                setenv("BATON_NOW", CalendarText.rfc3339(Clock.now()), 1)
            }
            let feeder = try DemoSetup.startFeeder(configPath: configPath, interval: interval)
            defer {
                feeder.terminate()
                feeder.waitUntilExit()
            }
            try TerminalSession.run(context: context, themeName: theme)
        }
    }
}

enum DemoSetup {
    static var folder: String {
        let environment = ProcessInfo.processInfo.environment
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/share"
        return dataHome + "/baton/demo"
    }

    /// Writes the demo config and fills a new store with two weeks of history; reuses both
    /// when they are there. Returns the config's path.
    static func prepare(reset: Bool) throws -> String {
        let manager = FileManager.default
        let configPath = folder + "/baton.toml"
        if reset {
            for name in ["baton.toml", "demo.sqlite", "demo.sqlite-wal", "demo.sqlite-shm", "demo.sqlite-presence",
                         "demo.sqlite-presence-wal", "demo.sqlite-presence-shm"] {
                try? manager.removeItem(atPath: folder + "/" + name)
            }
        }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A demo folder from before stores had to be closed: it is baton's own, so close it.
        chmod(folder, 0o700)
        for name in ["demo.sqlite", "demo.sqlite-wal", "demo.sqlite-shm"] where manager.fileExists(atPath: folder + "/" + name) {
            chmod(folder + "/" + name, 0o660)
        }
        if !manager.fileExists(atPath: configPath) {
            try (DemoConfig.text + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        let context = try Context.load(path: configPath)
        // The marker that lets BATON_AS choose who acts, here and nowhere else.
        try context.store.markAsDemo()
        if try context.store.queueSize(QueueQuery(includeClosed: true)) == 0 {
            let now = Clock.now()
            var traffic = DemoTraffic(team: context.team, seed: UInt64(now.timeIntervalSince1970))
            try context.store.createConversations(traffic.history(count: 220, now: now), actor: "demo", at: now)
        }
        return configPath
    }

    /// The feeder runs as its own process, as a mail server or Slack receiver would.
    static func startFeeder(configPath: String, interval: Double) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = ["demo-feed", "--config", configPath, "--interval", String(interval)]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }
}

/// `baton demo-feed`: writes as customers would, every few seconds, until its parent goes.
struct DemoFeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-feed", abstract: "Add demo customer messages every few seconds.", shouldDisplay: false)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Seconds between messages.") var interval: Double = 4
    @Option(help: "Stop after this many messages (0: never).") var count: Int = 0

    /// The store's lease that one feeder at a time holds.
    static let lease = "demo-feeder"

    func run() throws {
        try reportingFailures {
            let context = try Context.load(options)
            let parent = getppid()
            var traffic = DemoTraffic(team: context.team, seed: UInt64(Date().timeIntervalSince1970 * 1000))
            var written = 0
            // Every `baton demo` on this store starts a feeder; the store's lease lets one write,
            // so two screens do not double the traffic. When its screen quits, the lease lapses
            // (or is given up) and another screen's feeder takes over.
            let holder = "\(HostName.current):\(getpid())"
            let lease = max(3, interval * 3)
            defer { try? context.store.releaseLease(Self.lease, holder: holder) }
            while count == 0 || written < count {
                Thread.sleep(forTimeInterval: max(0.05, interval * Double.random(in: 0.5...1.5)))
                // Orphaned (the screen was killed): stop rather than write forever.
                if count == 0 && getppid() != parent { return }
                guard try context.store.holdLease(Self.lease, holder: holder, for: lease, now: Date()) else { continue }
                let now = Clock.now()
                let roll = traffic.random.next() % 10
                let open = try context.store.openConversationIDs(limit: 60)
                if roll < 4 || open.isEmpty {
                    // New conversations get their owner as intake gives it: the dedicated-pair rule.
                    let new = traffic.newConversation(now: now, key: "demo:live:\(UUID().uuidString)").resolvingOwner(team: context.team, at: now)
                    try context.store.createConversation(new, actor: "demo-feeder", at: now)
                } else if roll < 8 {
                    try context.store.appendMessage(traffic.followUp(now: now), to: open.randomElement(using: &traffic.random)!, actor: "demo-feeder")
                } else {
                    try context.store.appendMessage(traffic.reply(now: now), to: open.randomElement(using: &traffic.random)!, actor: "demo-feeder")
                }
                written += 1
            }
        }
    }
}
