import ArgumentParser
import Foundation

/// `baton whoami`: who baton takes you for, so a missing `unix_user` is found before an action fails.
struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Print the engineer baton acts as: your Unix user's roster entry.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingFailures {
            let context = try Context.load(options)
            let engineer = try context.actor()
            print("\(engineer.id) (\(engineer.name), \(context.team.region(engineer.region)?.name ?? engineer.region))")
        }
    }
}
