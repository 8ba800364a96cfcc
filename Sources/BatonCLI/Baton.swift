import ArgumentParser
import Foundation

/// The `baton` command. Its `main` is called by two programs: `baton` (SQLite stores) and
/// `baton-postgres` (the same commands with PostgreSQL linked in; see `PostgresHandOver`).
public struct Baton: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "The live queue of customer conversations, who owns each, and who holds point.",
        discussion: """
            With no subcommand, baton opens the queue in the terminal. The config file is found \
            through --config (before or after the subcommand), $BATON_CONFIG, ./baton.toml, \
            $XDG_CONFIG_HOME/baton/baton.toml, then /etc/baton/baton.toml.
            """,
        version: "0.1.0",
        subcommands: [QueueCommand.self, ConvCommand.self, OncallCommand.self, ScheduleCommand.self, OverrideCommand.self, HandoffCommand.self, SLACommand.self,
                      IngestCommand.self, QuarantineCommand.self, ServeCommand.self, OutboxCommand.self, MetricsCommand.self, StoreCommand.self, WhoamiCommand.self, InitCommand.self, DoctorCommand.self, DemoCommand.self, DemoFeedCommand.self],
        defaultSubcommand: QueueCommand.self
    )

    /// ArgumentParser's `main`, except that `--help` goes through `HelpText`, which wraps the
    /// USAGE line at word boundaries as the rest of the help is.
    public static func main() {
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
        let arguments = LeadingOptions.reordered(Array(CommandLine.arguments.dropFirst()), subcommands: names)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success, message.contains("USAGE: ") {
                print(HelpText.wrappingUsage(message, width: HelpText.terminalWidth()))
                Foundation.exit(0)  // Foundation's: ParsableCommand has an exit(withError:) of its own
            }
            exit(withError: error)
        }
    }
}
