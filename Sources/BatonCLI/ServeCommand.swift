import ArgumentParser
import BatonConfig
import BatonStore
import Foundation

/// `baton serve [--listen 127.0.0.1:PORT]`: the outbox's sender, and the Slack Events API
/// receiver when it listens.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Send queued replies, and with --listen receive Slack Events API requests at POST /slack/events, or with --socket-mode over Socket Mode.",
        discussion: """
            The signing secret comes from --signing-secret-file, $SLACK_SIGNING_SECRET or [slack] signing_secret_file, a file \
            only its owner may read (chmod 600); never from the command line, where other users see it. \
            Put a TLS-terminating proxy in front: Slack only calls https addresses. \
            It also raises alerts and escalations every 15 seconds and runs notify_command for engineers with no baton screen open \
            (not under BATON_NOW).
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The address and port to listen on; port 0 picks a free one. Without it, serve only sends replies.") var listen: String?
    @Option(help: "A file holding the Slack signing secret, readable only by its owner.") var signingSecretFile: String?
    @Flag(help: "Receive Slack's events over Socket Mode (no public address needed): the app-level token from $SLACK_APP_TOKEN or [slack] app_token_file.")
    var socketMode = false

    func run() throws {
        try reportingFailures {
            let address = try listen.map(Self.address)
            if socketMode, listen != nil {
                throw Failure(description: "--listen and --socket-mode both receive Slack's events, and Slack sends them to one of the two; choose one",
                              exitCode: 2)
            }
            // Read the config and open the store here for the same clear errors as every command
            // (permissions, links), then hand over. Not Context.load: its team sync is a write,
            // and a store another process holds must not stop the receiver from starting.
            guard let configPath = ConfigLocator.locate(explicit: options.config) else {
                throw Failure(description: "no config file found; looked in " + ConfigLocator.searchedPlaces().joined(separator: ", "))
            }
            let team = try ConfigFile.load(path: configPath)
            // --signing-secret-file, else $SLACK_SIGNING_SECRET, else [slack] signing_secret_file.
            var secretFile = signingSecretFile
            if secretFile == nil, address != nil, (ProcessInfo.processInfo.environment["SLACK_SIGNING_SECRET"] ?? "").isEmpty {
                secretFile = try SendingConfig.load(path: configPath).slackSigningSecretFile
            }
            let secret = try address.map { _ in try Self.secret(file: secretFile) }
            // baton-serve links PostgreSQL; this program only checks a SQLite store here.
            if case .sqlite = StoreLocation(team.storePath) { _ = try openStore(location: team.storePath) }
            let helper = SiblingProgram.path("baton-serve")
            // The secret goes through the environment, which only this user can read, never argv.
            var environment = ProcessInfo.processInfo.environment
            if let secret { environment["SLACK_SIGNING_SECRET"] = String(decoding: secret, as: UTF8.self) }
            let words: [String] = socketMode ? [helper, "--socket-mode", configPath]
                : address.map { [helper, $0.0, String($0.1), configPath] } ?? [helper, configPath]
            try SiblingProgram.exec(words, environment: environment, build: "swift build --product baton-serve")
        }
    }

    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port),
              colon > text.startIndex else {
            throw Failure(description: "--listen \"\(text)\": expected HOST:PORT, like 127.0.0.1:3000", exitCode: 2)
        }
        return (String(text[..<colon]), port)
    }

    /// The signing secret: from the environment, or from a file no one else can read.
    static func secret(file: String?) throws -> [UInt8] {
        if let file {
            var info = stat()
            guard stat(file, &info) == 0 else { throw Failure(description: "\(file): cannot read the signing secret file", exitCode: 2) }
            guard info.st_uid == getuid() else {
                throw Failure(description: "\(file): the signing secret file must belong to the user running baton serve", exitCode: 2)
            }
            guard info.st_mode & 0o077 == 0 else {
                throw Failure(description: "\(file): the signing secret file is readable by others; chmod 600 it", exitCode: 2)
            }
            guard let data = FileManager.default.contents(atPath: file),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw Failure(description: "\(file): the signing secret file is empty or not text", exitCode: 2)
            }
            return Array(text.utf8)
        }
        if let value = ProcessInfo.processInfo.environment["SLACK_SIGNING_SECRET"], !value.isEmpty { return Array(value.utf8) }
        throw Failure(description: "no signing secret: set SLACK_SIGNING_SECRET or pass --signing-secret-file (chmod 600)", exitCode: 2)
    }
}
