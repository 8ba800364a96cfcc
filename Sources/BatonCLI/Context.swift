import BatonConfig
import BatonCore
import BatonStore
import Foundation

/// The config and the store a command works on.
struct Context {
    var configPath: String
    var team: TeamConfig
    var store: StoreBackend

    static func load(_ options: GlobalOptions) throws -> Context {
        guard let path = ConfigLocator.locate(explicit: options.config) else {
            throw Failure(description: "no config file found; looked in " + ConfigLocator.searchedPlaces().joined(separator: ", ")
                          + ". Write one (see README.md), pass --config FILE, or try `baton demo`.")
        }
        return try load(path: path)
    }

    static func load(path: String) throws -> Context {
        let team = try ConfigFile.load(path: path)
        try PostgresHandOver.ifNeeded(location: team.storePath)
        // A typo in `store =` must not quietly start an empty store somewhere else.
        let folder = (team.storePath as NSString).deletingLastPathComponent
        if case .sqlite = StoreLocation(team.storePath), !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw Failure(description: "\(path): store: the folder \(folder) does not exist; fix the path, or create the store with "
                          + "`baton init --group GROUP --store \(team.storePath)`")
        }
        let store = try openStore(location: team.storePath)
        try store.syncTeam(team)
        return Context(configPath: path, team: team, store: store)
    }
}
