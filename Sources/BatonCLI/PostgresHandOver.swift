import BatonConfig
import BatonStore
import Foundation

/// `baton` is built without PostgreSQL: linking postgres-nio (and swift-nio-ssl's BoringSSL)
/// doubled the binary (42 to 95 MB) and added about 8 ms to every first frame and 3 ms to
/// every `ingest email` (issue 16 asks to keep it out of those paths). When the config's
/// store is `postgres://`, the command runs again, with the same arguments and environment,
/// as `baton-postgres`, which links it. Nothing has been read or written by then.
public enum PostgresHandOver {
    /// Hands the run over when `location` is a PostgreSQL store this program cannot open.
    /// - Throws: `Failure` when `baton-postgres` is missing.
    /// Hands the run over before the command line is parsed when the config names a
    /// `postgres://` store, so that a PostgreSQL command does not parse its arguments and
    /// its config twice (issue 16: 20–35 ms of each first frame, most of it ArgumentParser
    /// building the command tree in `baton` before the exec). A cheap look only: `--config
    /// FILE` or `--config=FILE`, else `$BATON_CONFIG` and the usual places (`ConfigLocator`),
    /// and that file's top-level `store = "…"` line. What it cannot tell goes the usual way
    /// (`ifNeeded`, after the config is loaded); and `baton-postgres` runs every command as
    /// `baton` does, so a hand-over is never wrong, at worst needless. Returns when it does not.
    public static func beforeParsing(arguments: [String] = CommandLine.arguments,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard !StoreOpener.hasPostgres else { return }
        var explicit: String?
        for (index, argument) in arguments.enumerated().dropFirst() {
            if argument == "--" { break }
            if argument == "--config", index + 1 < arguments.count { explicit = arguments[index + 1] }
            if argument.hasPrefix("--config=") { explicit = String(argument.dropFirst("--config=".count)) }
        }
        guard let path = ConfigLocator.locate(explicit: explicit, environment: environment),
              let text = try? String(contentsOfFile: path, encoding: .utf8),
              let store = topLevelStore(text), case .postgres = StoreLocation(store) else { return }
        let program = SiblingProgram.path("baton-postgres")
        guard FileManager.default.isExecutableFile(atPath: program) else { return }  // said by `ifNeeded` later
        do {
            try SiblingProgram.exec([program] + arguments.dropFirst(), environment: environment, build: "swift build --product baton-postgres")
        } catch {
            return  // cannot run it: the usual way, which says so
        }
    }

    /// The value of a `store = "…"` (or `'…'`) line before the config's first `[table]`; nil
    /// when there is none or it is written another way.
    static func topLevelStore(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") { return nil }
            guard trimmed.hasPrefix("store") else { continue }
            let afterKey = trimmed.dropFirst("store".count).drop { $0 == " " || $0 == "\t" }
            guard afterKey.first == "=" else { continue }
            let value = afterKey.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard let quote = value.first, quote == "\"" || quote == "'", let end = value.dropFirst().firstIndex(of: quote) else { return nil }
            return String(value[value.index(after: value.startIndex)..<end])
        }
        return nil
    }

    static func ifNeeded(location: String) throws {
        guard case .postgres = StoreLocation(location), !StoreOpener.hasPostgres else { return }
        try SiblingProgram.exec([SiblingProgram.path("baton-postgres")] + CommandLine.arguments.dropFirst(),
                                environment: ProcessInfo.processInfo.environment, build: "swift build --product baton-postgres")
    }
}
