import ArgumentParser

@main
struct Baton: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "The live queue of customer conversations, who owns each, and who holds point.",
        discussion: """
            With no subcommand, baton opens the queue in the terminal. The config file is found \
            through --config (before or after the subcommand), $BATON_CONFIG, ./baton.toml, \
            $XDG_CONFIG_HOME/baton/baton.toml, then /etc/baton/baton.toml.
            """,
        version: "0.1.0",
        subcommands: [QueueCommand.self, ConvCommand.self, OncallCommand.self, ScheduleCommand.self, OverrideCommand.self, HandoffCommand.self,
                      IngestCommand.self, QuarantineCommand.self, ServeCommand.self, WhoamiCommand.self, InitCommand.self, DoctorCommand.self, DemoCommand.self, DemoFeedCommand.self],
        defaultSubcommand: QueueCommand.self
    )

    static func main() {
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
        main(LeadingOptions.reordered(Array(CommandLine.arguments.dropFirst()), subcommands: names))
    }
}
