import ArgumentParser
import BatonConfig
import BatonStore
import Foundation

/// `baton init --group NAME [--store PATH]`: the store for a team on one box.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the store for a team: owned by a Unix group (setgid folder 2770, files 0660), closed to everyone else.",
        discussion: """
            Without --store, the store is the one the config names. baton refuses to open a store \
            that others can read or write and says the command that fixes it; it never changes \
            permissions on its own. This command is the one place it sets them: it never follows \
            a symbolic link, and refuses a file or folder already there whose owner is not root, \
            you (under sudo, the one who ran sudo) or a member of the group. `baton doctor` checks.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The Unix group whose members share the store.") var group: String
    @Option(help: "The store's path (else the config's `store`).") var store: String?

    func run() throws {
        try reportingFailures {
            guard let entry = getgrnam(group) else {
                throw Failure(description: "no Unix group \"\(group)\"; create it first (groupadd \(group)) and add the team to it", exitCode: ExitStatus.usage)
            }
            let gid = entry.pointee.gr_gid
            let path = try Self.storePath(store, config: options.config)
            let created: SharedStore.Created
            do {
                created = try SharedStore.create(at: path, groupID: gid)
            } catch let error as SharedStoreError {
                throw Failure(description: error.message, exitCode: ExitStatus.usage)
            }
            print("\(created.folder): group \(group), mode 2770 (setgid: new files join the group)")
            for file in created.files { print("\(file): group \(group), mode \(file.hasSuffix("-spool") ? "2770" : "0660")") }
            if store != nil { print("point baton.toml at it: store = \"sqlite://\(path)\"") }
        }
    }

    /// `store`, made absolute, else the config's store.
    static func storePath(_ store: String?, config: String?) throws -> String {
        if let store {
            guard !store.isEmpty, store != ":memory:" else { throw Failure(description: "\"\(store)\" is not a store path", exitCode: ExitStatus.usage) }
            return store.hasPrefix("/") ? store : FileManager.default.currentDirectoryPath + "/" + store
        }
        guard let config = ConfigLocator.locate(explicit: config) else {
            throw Failure(description: "no --store given and no config found; pass --store PATH or --config FILE", exitCode: ExitStatus.usage)
        }
        return try ConfigFile.load(path: config).storePath
    }
}
