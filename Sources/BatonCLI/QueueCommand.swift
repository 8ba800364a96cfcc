import ArgumentParser
import BatonConfig
import BatonStore
import BatonTUI
import Foundation

/// `baton` / `baton queue`: the live queue in the terminal.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Open the live queue (the default).")

    @OptionGroup var options: GlobalOptions
    @Option(help: "A theme from themes/ (dark, light, high-contrast, mono) or a theme file's path.")
    var theme: String?

    func run() throws {
        try reportingFailures {
            let context = try Context.load(options)
            try TerminalSession.run(context: context, themeName: theme)
        }
    }
}

/// Opens the terminal, runs the queue, and gives the terminal back however it ends.
enum TerminalSession {
    static func run(context: Context, themeName: String?) throws {
        // A [[view]] on a key the queue uses already is a config error, said before anything else.
        let views = try Bindings.views(context.team.views, file: context.configPath)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw Failure(description: "the queue needs a terminal; for scripts use `baton conv list` or `baton conv show ID`")
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let name = themeName ?? context.team.theme ?? "dark"
        // Load the theme before the screen starts, so that a bad file is reported plainly.
        var theme = Theme.monochrome
        do {
            theme = try ThemeLocator.load(name, configFile: context.configPath)  // dark is built in
        } catch let error as ConfigError where themeName == nil && context.team.theme == nil {
            _ = error  // The default theme is optional: without it the screen is monochrome.
        }
        let terminal = try CursesTerminal(allowColor: !noColor)
        defer { terminal.close() }
        if !terminal.usesColor { theme = .monochrome }
        // Writes go through a second connection off the loop, so a long writer elsewhere never freezes the screen.
        let writer = BackgroundWriter(store: try context.store.reopen())
        let app = App(store: context.store, team: context.team, theme: theme, terminal: terminal, clock: Clock.now,
                      identity: try context.identity(), writer: writer, views: views)
        app.runsHandoffs = try Clock.mayRunHandoffs(context)
        // Alerts are writes on the clock's say-so, like handoffs: not on a team's store under BATON_NOW.
        if app.runsHandoffs { app.enableAlerts(notifyStore: try context.store.reopenAlerts()) }
        app.run()
    }
}
