import BatonConfig
import BatonCore
import BatonPostgres
import BatonStore
import BatonTUI
import Foundation

/// Issue 16: the store figures on PostgreSQL beside SQLite's, measured the same way, on a
/// store of the same 100,000 conversations and 1,014,286 messages (copied from the SQLite
/// bench store, row for row):
/// - first frame: the real `baton` (which execs `baton-postgres`) in a pty, process start
///   to the first frame drawn (`BATON_BENCH_FIRST_FRAME`), median of 7, each run in turn
///   with one on the SQLite store (the table shows SQLite's from those runs);
/// - a j/k keystroke: update, store queries, render and ncurses, in this process, median of 200;
/// - a write seen by another process: this process writes (a claim or a release of the top
///   row), the real `baton` screen in tmux shows it (the header's unowned count), median of 10.
///
/// `make bench` starts a private server (scripts/postgres-test-server.sh) and exports
/// `BATON_BENCH_POSTGRES_URL` and `PGPASSFILE`; without them, or when the server cannot be
/// reached, the PostgreSQL figures are skipped with the reason and SQLite's are printed alone.
/// `BATON_BENCH_ONLY=store make bench` stops after these figures.
enum PostgresBench {
    struct Figures {
        var firstFrame: [Double] = []  // milliseconds
        var keystroke: [Double] = []  // milliseconds
        var writeSeen: [Double] = []  // milliseconds
    }

    /// Even, so that the claims and releases leave the store as they found it.
    static let writeSeenRuns = 10

    /// - Parameters: `sqlite`, the SQLite bench store (filled); `config`, its baton.toml text
    ///   (`store = "bench.sqlite"`); `firstFrame` and `keystroke`, SQLite's figures as main
    ///   measured them (milliseconds; the first frames are taken again in turn with PostgreSQL's).
    static func run(baton: String, folder: String, sqlite: StoreBackend, team: TeamConfig, config: String,
                    firstFrame: [Double], keystroke: [Double]) {
        var sqliteFigures = Figures(firstFrame: firstFrame, keystroke: keystroke)
        var postgres: Figures?
        var skipped: String?
        let environment = ProcessInfo.processInfo.environment
        var postgresStore: StoreBackend?
        let url = environment["BATON_BENCH_POSTGRES_URL"] ?? ""
        if url.isEmpty {
            skipped = environment["BATON_BENCH_POSTGRES_SKIPPED"]
                ?? "BATON_BENCH_POSTGRES_URL is not set (`make bench` starts a server and sets it)"
        } else {
            // Filled first: the copy refuses a source another process (a screen) has open.
            do {
                PostgresStore.register()
                let store = try openStore(location: url)
                try fill(store, url: url, from: sqlite)
                postgresStore = store
            } catch {
                skipped = "the server at \(url) failed: \(error)"
            }
        }
        do {
            sqliteFigures.writeSeen = try writeSeen(baton: baton, configPath: folder + "/baton.toml", store: sqlite, label: "SQLite")
        } catch {
            print("SQLite write seen by another process: not measured: \(error)")
        }
        if let store = postgresStore {
            do {
                // Side by side: the box is shared, so the two first frames are taken in turn.
                var alternated: [Double] = []
                postgres = try measurePostgres(store, url: url, baton: baton, folder: folder, team: team, config: config) {
                    alternated.append(try BatonBench.firstFrame(baton: baton, configPath: folder + "/baton.toml"))
                }
                sqliteFigures.firstFrame = alternated
                print(String(format: "SQLite first frame, taken in turn with PostgreSQL's (median of 7): %.0f ms", median(alternated)))
            } catch {
                skipped = "the server at \(url) failed: \(error)"
            }
        }
        printTable(sqlite: sqliteFigures, postgres: postgres)
        if let skipped { print("PostgreSQL figures skipped: \(skipped)") }
        fflush(nil)
        // `BATON_BENCH_ONLY=store make bench`: these figures alone (the metrics' are skipped too).
        if environment["BATON_BENCH_ONLY"] == "store" { exit(0) }
    }

    /// `between` runs before each PostgreSQL first frame (SQLite's, taken in turn).
    static func measurePostgres(_ store: StoreBackend, url: String, baton: String, folder: String, team: TeamConfig, config: String,
                                between: () throws -> Void) throws -> Figures {
        let configPath = folder + "/baton-postgres.toml"
        try config.replacingOccurrences(of: "store = \"bench.sqlite\"", with: "store = \"\(url)\"")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try store.syncTeam(team)
        var figures = Figures()
        for _ in 0..<7 {
            try between()
            figures.firstFrame.append(try BatonBench.firstFrame(baton: baton, configPath: configPath))
        }
        print(String(format: "PostgreSQL first frame, process start (baton, then baton-postgres) to first frame drawn and exit (median of 7, incl. the pty wrapper): %.0f ms",
                     median(figures.firstFrame)))
        figures.keystroke = try keystrokes(store: store, team: team, folder: folder)
        print(String(format: "PostgreSQL keystroke j/k redraw, median of 200: %.2f ms (95th percentile %.2f ms)",
                     median(figures.keystroke), percentile95(figures.keystroke)))
        figures.writeSeen = try writeSeen(baton: baton, configPath: configPath, store: store, label: "PostgreSQL")
        fflush(nil)
        return figures
    }

    // MARK: filling

    /// Copies every table of the SQLite bench store into the PostgreSQL one (once: a store
    /// already holding the conversations is kept), with `StoreCopy`'s plan (tables parents
    /// first, the columns both sides have) but loaded by `COPY … FROM STDIN` through psql in
    /// one transaction: one statement per table instead of one round trip per row.
    static func fill(_ store: StoreBackend, url: String, from sqlite: StoreBackend) throws {
        let wanted = try sqlite.queueSize(QueueQuery(includeClosed: true))
        let have = try store.queueSize(QueueQuery(includeClosed: true))
        if have < wanted {
            guard let source = sqlite as? StoreCopying, let target = store as? StoreCopying else {
                throw BenchFailure("a store here cannot be copied")
            }
            if have > 0 { throw BenchFailure("the PostgreSQL store holds \(have) conversations, not the bench's \(wanted): give the bench an empty database") }
            print("filling the PostgreSQL bench store from the SQLite one (COPY through psql) ...")
            fflush(nil)
            var report: StoreCopy.Report?
            let elapsed = try seconds {
                report = try StoreCopy.run(from: source, to: PsqlCopyTarget(url: url, shapes: target), sourceName: "bench.sqlite", targetName: url, now: Date())
            }
            let rows = report?.tables.reduce(0) { $0 + $1.inserted } ?? 0
            print(String(format: "  %d rows in %d tables copied in %.1f s", rows, report?.tables.count ?? 0, elapsed))
        }
        let counts = (try store.queueSize(QueueQuery(includeClosed: true)), try store.messageCount(), try store.queueSize(QueueQuery()))
        print("PostgreSQL store: \(counts.0) conversations, \(counts.1) messages, \(counts.2) open")
        // The figures are only comparable on the same store.
        let expected = (wanted, try sqlite.messageCount(), try sqlite.queueSize(QueueQuery()))
        guard counts == expected else { throw BenchFailure("the PostgreSQL store holds \(counts), the SQLite one \(expected) (conversations, messages, open)") }
    }

    // MARK: the figures

    /// j/k through the real loop and ncurses, output to a file, as main measures SQLite's.
    static func keystrokes(store: StoreBackend, team: TeamConfig, folder: String) throws -> [Double] {
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
        guard let output = fopen(folder + "/keystroke-postgres.out", "w") else { throw BenchFailure("cannot write \(folder)/keystroke-postgres.out") }
        defer { fclose(output) }
        let terminal = try CursesTerminal(input: fopen("/dev/null", "r"), output: output, terminalType: "xterm-256color", allowColor: true)
        let theme = (try? ThemeFile.load(path: FileManager.default.currentDirectoryPath + "/themes/dark.toml")) ?? .monochrome
        let app = App(store: store, team: team, theme: theme, terminal: terminal)
        app.start()
        fflush(output)
        var times: [Double] = []
        for index in 0..<200 {
            let key: Key = index % 40 < 20 ? .character("j") : .character("k")
            times.append(seconds { app.handle(key); fflush(output) } * 1_000)
        }
        terminal.close()
        return times
    }

    /// The real `baton` screen in tmux; this process claims or releases the top open
    /// conversation and reads the pane until the header's unowned count shows it: from
    /// before the write's transaction to the screen drawn, in milliseconds.
    static func writeSeen(baton: String, configPath: String, store: StoreBackend, label: String) throws -> [Double] {
        let pane = try TmuxPane(name: "baton-bench-seen-\(getpid())-\(label.lowercased())", command: "exec env TERM=xterm-256color \(baton) --config \(configPath)")
        defer { pane.close() }
        var counts = try store.queueCounts(now: Date())
        guard pane.waitFor("\(counts.unowned) unowned", seconds: 20) != nil else {
            throw BenchFailure("the screen did not show the queue within 20 s:\n\(pane.capture())")
        }
        var times: [Double] = []
        for _ in 0..<writeSeenRuns {
            usleep(300_000)  // the screen idle again, as between an engineer's actions
            guard let top = try store.queueWindow(QueueQuery(), offset: 0, limit: 1).first else { throw BenchFailure("no open conversation") }
            let start = DispatchTime.now().uptimeNanoseconds
            let result = top.ownerID == nil
                ? try store.claim(top.id, actor: "ana", at: Date())
                : try store.release(top.id, actor: "ana", expectedVersion: nil, at: Date())
            guard result.event != nil else { throw BenchFailure("the write on #\(top.id) changed nothing: \(result.unchangedText)") }
            counts = try store.queueCounts(now: Date())
            guard pane.waitFor("\(counts.unowned) unowned", seconds: 5) != nil else {
                throw BenchFailure("the screen did not show the write within 5 s:\n\(pane.capture())")
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print(String(format: "%@ write seen by another process (this one claims or releases, the real screen in tmux shows it), median of %d: %.0f ms (max %.0f ms)",
                     label, writeSeenRuns, median(times), times.max()!))
        fflush(nil)
        return times
    }

    static func percentile95(_ values: [Double]) -> Double { values.sorted()[min(values.count - 1, values.count * 95 / 100)] }

    static func printTable(sqlite: Figures, postgres: Figures?) {
        func cells(_ figures: Figures?) -> [String] {
            guard let figures else { return ["-", "-", "-"] }
            return [figures.firstFrame.isEmpty ? "-" : String(format: "%.0f ms", median(figures.firstFrame)),
                    figures.keystroke.isEmpty ? "-" : String(format: "%.2f ms (p95 %.2f)", median(figures.keystroke), percentile95(figures.keystroke)),
                    figures.writeSeen.isEmpty ? "-" : String(format: "%.0f ms (max %.0f)", median(figures.writeSeen), figures.writeSeen.max()!)]
        }
        let rows = [["store", "first frame", "j/k keystroke", "write seen by another process"],
                    ["target", "< 150 ms", "< 5 ms", "< 500 ms"],
                    ["SQLite"] + cells(sqlite),
                    ["PostgreSQL"] + cells(postgres)]
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max()! }
        print("store figures, 100,000 conversations (issue 16; medians):")
        for row in rows {
            print("  " + zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "   "))
        }
    }
}

/// A failure of the bench itself, said in words.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A tmux server of its own with one pane running `command`, 100 by 30.
struct TmuxPane {
    let socket: String
    private let outPath: String

    init(name: String, command: String) throws {
        socket = name
        outPath = NSTemporaryDirectory() + "/\(name).out"
        // The server starts from this client and must not hold the capture file open.
        guard spawn("/usr/bin/tmux", ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", command]).1 == 0 else {
            throw BenchFailure("cannot start tmux for `\(command)`")
        }
    }

    @discardableResult
    func run(_ arguments: [String]) -> Int32 {
        spawn("/usr/bin/tmux", ["-L", socket] + arguments, outputTo: outPath).1
    }

    func capture() -> String {
        guard run(["capture-pane", "-p"]) == 0 else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Reads the pane until it shows `text`; the seconds waited, or nil after `seconds`.
    func waitFor(_ text: String, seconds limit: Double) -> Double? {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if capture().contains(text) { return waited }
            if waited > limit { return nil }
            usleep(2_000)
        }
    }

    func close() {
        _ = spawn("/usr/bin/tmux", ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: outPath)
    }
}

/// `StoreCopy`'s target for the bench: the PostgreSQL store's tables, loaded with COPY
/// through psql in one transaction (indexes made after the rows, the feed's triggers off),
/// then the identity sequences set past the copied ids and the tables vacuumed and
/// analysed, as a server's autovacuum would after a load.
final class PsqlCopyTarget: StoreCopying {
    let url: String
    let shapes: StoreCopying

    init(url: String, shapes: StoreCopying) {
        self.url = url
        self.shapes = shapes
    }

    func copyShapes() throws -> [CopyTableShape] { try shapes.copyShapes() }
    func dumpRows(table: String, columns: [String]) throws -> [[CopyValue]] { try shapes.dumpRows(table: table, columns: columns) }
    func openElsewhere(now: Date) throws -> [String] { [] }

    func loadRows(_ tables: [CopyTableRows]) throws -> [String: Int] {
        guard tables.contains(where: { !$0.rows.isEmpty }) else { return [:] }
        let psql = Self.psqlPath()
        var fds: [Int32] = [0, 0]
        // Close-on-exec: psql must not hold the writing end, or it never sees the end of its input.
        guard pipe(&fds) == 0 else { throw BenchFailure("pipe failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let readEnd = fds[0], writeEnd = fds[1]
        let logPath = NSTemporaryDirectory() + "/baton-bench-psql-\(getpid()).log"
        // psql may stop early (a bad row): the writes then fail with EPIPE, not a SIGPIPE that ends the bench.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            let handle = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: true)
            func send(_ text: String) throws { try handle.write(contentsOf: Data(text.utf8)) }
            do {
                let loaded = tables.filter { !$0.rows.isEmpty }
                let names = loaded.map { "'\($0.name)'" }.joined(separator: ", ")
                // Built once at the end, not row by row, and no change feed for a load:
                // the tables' own indexes (not those behind a key) are dropped and made
                // again, and their triggers (the feed's) are off until the commit.
                try send("""
                    \\set ON_ERROR_STOP 1
                    BEGIN;
                    SET LOCAL maintenance_work_mem = '256MB';
                    CREATE TEMP TABLE bench_indexes ON COMMIT DROP AS
                        SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename IN (\(names))
                        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname);
                    DO $$ DECLARE r record; BEGIN
                        FOR r IN SELECT indexname FROM bench_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
                    END $$;

                    """)
                for table in loaded { try send("ALTER TABLE \"\(table.name)\" DISABLE TRIGGER USER;\n") }
                for table in loaded {
                    try send("COPY \"\(table.name)\" (\(table.columns.map { "\"\($0)\"" }.joined(separator: ", "))) FROM STDIN;\n")
                    var chunk = ""
                    for row in table.rows {
                        Self.appendCopyLine(row, to: &chunk)
                        if chunk.utf8.count > 1 << 20 {
                            try send(chunk)
                            chunk = ""
                        }
                    }
                    try send(chunk + "\\.\n")
                }
                for table in loaded { try send("ALTER TABLE \"\(table.name)\" ENABLE TRIGGER USER;\n") }
                try send("""
                    DO $$ DECLARE r record; BEGIN
                        FOR r IN SELECT indexdef FROM bench_indexes LOOP EXECUTE r.indexdef; END LOOP;
                    END $$;
                    DO $$ DECLARE r record; BEGIN
                        FOR r IN SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
                                 WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP
                            EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), max(%I)) FROM %I HAVING max(%I) IS NOT NULL',
                                           quote_ident(r.t), r.c, r.c, r.t, r.c);
                        END LOOP;
                    END $$;
                    COMMIT;
                    VACUUM ANALYZE \(loaded.map { "\"\($0.name)\"" }.joined(separator: ", "));

                    """)
            } catch {}  // psql stopped: its log says why
            try? handle.close()
        }
        writer.start()
        let (_, status) = spawn(psql, ["-X", "-q", "-d", url], stdinFrom: readEnd, outputTo: logPath)
        close(readEnd)
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: logPath)
        guard status == 0 else { throw BenchFailure("psql (\(psql)) failed, wait status \(status): \(log)") }
        return Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.rows.count) })
    }

    /// One row in COPY's text format: tabs between columns, `\N` for null, backslash escapes.
    static func appendCopyLine(_ row: [CopyValue], to text: inout String) {
        for (index, value) in row.enumerated() {
            if index > 0 { text += "\t" }
            switch value {
            case .null: text += "\\N"
            case let .int(number): text += String(number)
            case let .text(string) where !string.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }):
                text += string
            case let .text(string):
                var escaped = ""
                for scalar in string.unicodeScalars {
                    switch scalar {
                    case "\\": escaped += "\\\\"
                    case "\t": escaped += "\\t"
                    case "\n": escaped += "\\n"
                    case "\r": escaped += "\\r"
                    default: escaped.unicodeScalars.append(scalar)
                    }
                }
                text += escaped
            case let .bytes(bytes):
                text += "\\\\x" + bytes.map { String(format: "%02x", $0) }.joined()
            }
        }
        text += "\n"
    }

    /// The newest server's psql, as scripts/postgres-test-server.sh picks its binaries; else the PATH's.
    static func psqlPath() -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        if let newest = versions.last, FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/psql") { return "\(root)/\(newest)/bin/psql" }
        return "/usr/bin/psql"
    }
}
