import Foundation

/// Finds baton.toml: `--config`, then `$BATON_CONFIG`, `./baton.toml`,
/// `$XDG_CONFIG_HOME/baton/baton.toml` (or ~/.config), `/etc/baton/baton.toml`.
public enum ConfigLocator {
    public static func candidates(explicit: String?, environment: [String: String], currentDirectory: String, home: String) -> [String] {
        if let explicit { return [explicit] }
        if let path = environment["BATON_CONFIG"], !path.isEmpty { return [path] }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return [currentDirectory + "/baton.toml", configHome + "/baton/baton.toml", "/etc/baton/baton.toml"]
    }

    /// The first candidate that exists; an explicit path is returned even when missing, so
    /// that loading it names it in the error.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let list = candidates(explicit: explicit, environment: environment,
                              currentDirectory: FileManager.default.currentDirectoryPath, home: NSHomeDirectory())
        if explicit != nil || environment["BATON_CONFIG"].map({ !$0.isEmpty }) == true { return list.first }
        return list.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Where the search looked, for the message when nothing was found.
    public static func searchedPlaces(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        candidates(explicit: nil, environment: environment, currentDirectory: FileManager.default.currentDirectoryPath, home: NSHomeDirectory())
    }
}
