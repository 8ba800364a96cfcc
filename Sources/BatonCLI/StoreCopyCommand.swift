import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton store`: moving a store between backends.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move the store: copy it to PostgreSQL or back to a SQLite file.",
        subcommands: [StoreCopyCommand.self])
}

/// `baton store copy --to LOCATION`: every table both backends know, in one transaction
/// on the target, verified by counts per table. Run again, it copies nothing new and
/// reports the same counts (rows are matched by primary key; a target holding rows that
/// are not the source's is refused, nothing written). Refuses while a screen, an open
/// conversation or a held lease shows another baton process using the source.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the whole store to a PostgreSQL database or a SQLite file, verified by counts per table.",
        discussion: """
            LOCATION is postgres://USER@HOST:PORT/DB[?sslmode=disable|prefer|require] or a SQLite file path \
            (created when missing). Rows already in the target with the same primary key are left alone, so \
            running the copy again copies nothing new; a target holding other rows is refused and nothing is \
            written. Close every screen and stop baton serve first: the copy refuses while another baton \
            process has the source open, since its later writes would be lost.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The store to copy (else the config's `store`).") var from: String?
    @Option(help: "Where to copy it: postgres://… or a SQLite file path.") var to: String

    func run() throws {
        try reportingFailures {
            let source = try Self.location(from, config: options.config)
            let target = try Self.location(to, config: nil)
            try PostgresHandOver.ifNeeded(location: source)
            try PostgresHandOver.ifNeeded(location: target)
            guard source != target else { throw Failure(description: "\(StoreCopyError.sameStore(source))", exitCode: ExitStatus.usage) }
            let sourceStore = try openStore(location: source), targetStore = try openStore(location: target)
            guard let from = sourceStore as? StoreCopying else { throw StoreCopyError.notCopyable(location: source) }
            guard let into = targetStore as? StoreCopying else { throw StoreCopyError.notCopyable(location: target) }
            do {
                let report = try StoreCopy.run(from: from, to: into, sourceName: source, targetName: target, now: Date())
                print(Self.text(report, source: source, target: target), terminator: "")
            } catch let error as StoreCopyError {
                if case .inUse = error { throw Failure(description: error.description, exitCode: ExitStatus.conflict) }
                throw Failure(description: error.description, exitCode: ExitStatus.failure)
            }
        }
    }

    /// A `postgres://` URL as written; a path made absolute; nil → the config's store.
    static func location(_ value: String?, config: String?) throws -> String {
        if let value, case .postgres = StoreLocation(value) { return value }
        return try InitCommand.storePath(value, config: config)
    }

    /// One line per table (source rows, newly copied, target rows), then what only one side has.
    static func text(_ report: StoreCopy.Report, source: String, target: String) -> String {
        let width = max(5, report.tables.map(\.name.count).max() ?? 0)
        var lines = ["copy \(source) → \(target)",
                     "table".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "  source  copied  target"]
        for table in report.tables {
            lines.append(table.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + [table.sourceRows, table.inserted, table.targetRows].map { String($0).leftPadded(8) }.joined())
        }
        if !report.sourceOnly.isEmpty { lines.append("only in the source, not copied: " + report.sourceOnly.joined(separator: ", ")) }
        if !report.targetOnly.isEmpty { lines.append("only in the target, left as they are: " + report.targetOnly.joined(separator: ", ")) }
        if !report.sourceOnlyColumns.isEmpty { lines.append("columns only in the source, not copied: " + report.sourceOnlyColumns.joined(separator: ", ")) }
        if !report.targetOnlyColumns.isEmpty { lines.append("columns only in the target, left to their defaults: " + report.targetOnlyColumns.joined(separator: ", ")) }
        let copied = report.tables.map(\.inserted).reduce(0, +), total = report.tables.map(\.sourceRows).reduce(0, +)
        lines.append("\(copied) rows copied; \(report.tables.count) tables, \(total) rows, every count matches the source")
        return lines.map { TerminalText.line($0) }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? " " + self : String(repeating: " ", count: width - count) + self }
}
