import BatonConfig
import BatonCore
import BatonIngest
import BatonStore
import BatonTUI
import Foundation

/// Issue 14: `baton metrics` over a quarter by week (target under 1 s) and the metrics
/// screen opening (under 200 ms), on a store of its own (`.build/bench/metrics.sqlite`, built
/// once and kept): 100,000 conversations and 1,000,000 messages spread over 13 weeks, with
/// owner changes (takes, takes back within the hour: bounces) made by the store's own
/// actions and 5,000 NPS answers imported as `baton ingest nps` imports them.
/// `BATON_BENCH_ONLY=metrics make bench` runs this alone.
enum MetricsBench {
    static let conversations = 100_000
    static let quarter: TimeInterval = 91 * 86_400

    static func run(baton: String, folder: String) throws {
        let only = ProcessInfo.processInfo.environment["BATON_BENCH_ONLY"]
        guard only == nil || only == "metrics" else { return }
        let benchFolder = folder + "/metrics"
        try FileManager.default.createDirectory(atPath: benchFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(benchFolder, 0o700)
        for suffix in ["", "-wal", "-shm"] { chmod(benchFolder + "/metrics.sqlite" + suffix, 0o600) }
        let configPath = benchFolder + "/baton.toml"
        try """
            store = "metrics.sqlite"
            internal_domains = ["example-corp.com"]
            [[calendar]]
            id = "berlin-business"
            tz = "Europe/Berlin"
            hours = ["mon-fri 09:00-17:00"]
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            next_response = "4h"
            [[tier]]
            id = "pro"
            short = "PRO"
            first_response = "4h"
            next_response = "1d"
            hours = "berlin-business"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[engineer]]
            id = "ben"
            region = "europe"
            [[engineer]]
            id = "dave"
            region = "us"
            [[region]]
            id = "europe"
            tz = "Europe/Berlin"
            takes_point = "07:00"
            roster = ["ana", "ben"]
            [[region]]
            id = "us"
            tz = "America/New_York"
            takes_point = "09:00"
            roster = ["dave"]
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            email_domains = ["acme.io"]
            [[customer]]
            id = "globex"
            name = "Globex"
            tier = "pro"
            email_domains = ["globex.com"]
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let team = try ConfigFile.load(path: configPath)
        let store = try openStore(location: benchFolder + "/metrics.sqlite")  // a path: SQLite
        try store.syncTeam(team)
        // The quarter ends at the start of this UTC day, so the figures are the same each run of the day.
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let start = end.addingTimeInterval(-quarter)
        if try store.queueSize(QueueQuery(includeClosed: true)) < conversations {
            try build(store: store, team: team, start: start, folder: benchFolder)
        }
        print("metrics store: \(try store.queueSize(QueueQuery(includeClosed: true))) conversations, \(try store.messageCount()) messages over 13 weeks")

        // `baton metrics` for the quarter by week, the whole process, as text and as JSON.
        let from = CalendarText.rfc3339(start), to = CalendarText.rfc3339(end)
        for format in [[], ["--json"]] {
            var times: [Double] = []
            for _ in 0..<5 {
                times.append(timeProcess(baton, ["metrics", "--config", configPath, "--from", from, "--to", to, "--by", "week", "--tz", "UTC"] + format))
            }
            print(String(format: "baton metrics, a quarter by week%@ (100,000 conversations, 1,000,000 messages), process start to exit, median of 5: %.0f ms (min %.0f, max %.0f)",
                         format.isEmpty ? "" : " --json", median(times), times.min()!, times.max()!))
        }
        // The same work in this process, split: the store's read and the fold.
        let data = try store.metricsData(from: Int64(start.timeIntervalSince1970), to: Int64(end.timeIntervalSince1970))
        var reads: [Double] = [], folds: [Double] = []
        for _ in 0..<3 {
            reads.append(seconds { _ = try? store.metricsData(from: Int64(start.timeIntervalSince1970), to: Int64(end.timeIntervalSince1970)) } * 1_000)
            folds.append(seconds {
                _ = Metrics.report(data, period: MetricsPeriod(from: Int64(start.timeIntervalSince1970), to: Int64(end.timeIntervalSince1970), zone: TimeZone(identifier: "UTC")!),
                                   grouping: .week, team: team, now: Int64(end.timeIntervalSince1970))
            } * 1_000)
        }
        print(String(format: "  of which: reading %d conversations, %d messages, %d events, %d NPS answers %.0f ms; the fold %.0f ms (medians of 3)",
                     data.conversations.count, data.messages.count, data.events.count, data.nps.count, median(reads), median(folds)))
        // What `baton metrics` does: the period in one stretch of time per core, each read and folded at once.
        var reports: [Double] = []
        for _ in 0..<3 {
            reports.append(seconds {
                _ = try? store.metricsReport(period: MetricsPeriod(from: Int64(start.timeIntervalSince1970), to: Int64(end.timeIntervalSince1970), zone: TimeZone(identifier: "UTC")!),
                                             grouping: .week, team: team, now: Int64(end.timeIntervalSince1970))
            } * 1_000)
        }
        print(String(format: "  read and folded as baton metrics does (a stretch of the quarter per core, each folded as it is read): %.0f ms (median of 3)", median(reports)))
        fflush(nil)

        try screen(store: store, team: team, now: end.addingTimeInterval(-3_600), folder: benchFolder)
        if only == "metrics" { exit(0) }
    }

    /// The metrics screen through the real loop and ncurses: `m` until the screen is drawn
    /// (the figures still being worked out, off the loop), and until the figures are drawn.
    static func screen(store: StoreBackend, team: TeamConfig, now: Date, folder: String) throws {
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
        var opens: [Double] = [], firsts: [Double] = [], fills: [Double] = []
        for _ in 0..<5 {
            let output = fopen(folder + "/screen.out", "w")!
            let terminal = try CursesTerminal(input: fopen("/dev/null", "r"), output: output, terminalType: "xterm-256color", allowColor: true)
            let app = App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: TimeZone(identifier: "UTC")!, clock: { now })
            app.start()
            let begin = DispatchTime.now().uptimeNanoseconds
            app.handle(.character("m"))
            fflush(output)
            opens.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            guard case .metrics = app.state.screen else { fatalError("m did not open the metrics screen") }
            // The loop's own look for figures while the loader is busy, every millisecond here.
            while true {
                app.tick()
                if case .metrics(let metrics) = app.state.screen, metrics.figures != nil { break }
                usleep(1_000)
            }
            fflush(output)
            firsts.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            app.metricsLoader?.wait()
            app.tick()
            fflush(output)
            fills.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            guard case .metrics(let metrics) = app.state.screen, metrics.figures?.isComplete == true else { fatalError("the figures did not come") }
            terminal.close()
            fclose(output)
        }
        print(String(format: "metrics screen (9 weeks, by tier), real loop and ncurses, median of 5: drawn %.1f ms after m; this week's figures drawn %.0f ms after m, the 8 before %.0f ms after m (worked out off the loop)",
                     median(opens), median(firsts), median(fills)))
        fflush(nil)
    }

    /// 100,000 conversations of 10 or 11 messages spread over the quarter, a third of them
    /// on the business-hours tier; one in eight taken over by ben an hour in, one in forty
    /// of those taken back by ana within the hour (a bounce); 5,000 NPS answers, one in ten
    /// from the team's own domain.
    static func build(store: StoreBackend, team: TeamConfig, start: Date, folder: String) throws {
        print("building the metrics store: \(conversations) conversations over 13 weeks, owner changes, NPS answers ...")
        var random = SeededRandom(seed: 14)
        var opened: [(Int, Date)] = []
        let elapsed = try seconds {
            for batchStart in stride(from: 0, to: conversations, by: 2_000) {
                let batch = (batchStart..<(batchStart + 2_000)).map { index -> NewConversation in
                    let at = start.addingTimeInterval(Double(random.next() % UInt64(quarter - 86_400)))
                    opened.append((index, at))
                    let pro = index % 3 == 0
                    var messages: [NewMessage] = []
                    var clock = at
                    for turn in 0...10 {
                        let customer = turn % 2 == 0
                        let engineer = ["ana", "ben", "dave"][index % 3]
                        messages.append(NewMessage(authorKind: customer ? .customer : .team, authorName: customer ? "Priya" : engineer, authorID: customer ? nil : engineer,
                                                   body: "Message \(turn) of conversation \(index): the router drops subscriptions after a deploy.", createdAt: clock))
                        clock = clock.addingTimeInterval(Double(300 + random.next() % 7_200))
                    }
                    let status: ConversationStatus? = index % 7 == 0 ? nil : .solved
                    return NewConversation(externalKey: "metrics:\(index)", customerID: pro ? "globex" : "acme", customerName: pro ? "Globex" : "Acme",
                                           tierID: pro ? "pro" : "enterprise", subject: "Conversation \(index)", source: index % 2 == 0 ? .slack : .email,
                                           ownerID: "ana", ownerVia: .point, status: status,
                                           messages: index % 7 == 0 ? messages : Array(messages.prefix(10)))
                }
                try store.createConversations(batch, actor: "bench", at: batch.first!.messages[0].createdAt)
            }
            // Owner changes through the store's own actions, one transaction each as on screen.
            let ids = try store.metricsData(from: Int64(start.timeIntervalSince1970), to: Int64(start.addingTimeInterval(quarter).timeIntervalSince1970)).conversations
            for (offset, conversation) in ids.enumerated() where offset % 8 == 0 {
                let at = Date(timeIntervalSince1970: TimeInterval(conversation.createdAt + 3_600))
                _ = try store.take(conversation.id, actor: "ben", at: at)
                if offset % 40 == 0 { _ = try store.take(conversation.id, actor: "ana", at: at.addingTimeInterval(1_800)) }
            }
            var csv = "time,email,score,comment\n"
            for index in 0..<5_000 {
                let at = start.addingTimeInterval(Double(random.next() % UInt64(quarter - 86_400)))
                let email = index % 10 == 0 ? "staff\(index)@example-corp.com" : "customer\(index)@\(index % 3 == 0 ? "globex.com" : "acme.io")"
                let score = Int(random.next() % 11)
                csv += "\(CalendarText.rfc3339(at)),\(email),\(score),\(score <= 6 && index % 2 == 0 ? "too slow" : "")\n"
            }
            _ = try NPSImport.run(csv: csv, name: "bench", roster: Roster(team: team), store: store, actor: "bench", now: { start.addingTimeInterval(quarter - 3_600) })
        }
        print(String(format: "  built in %.1f s", elapsed))
    }
}
