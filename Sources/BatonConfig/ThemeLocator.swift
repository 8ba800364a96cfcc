import Foundation

/// Finds a theme file by name: a path when the name holds a "/", else NAME.toml in
/// `$XDG_CONFIG_HOME/baton/themes`, the config file's `themes/`, the `themes/` that
/// ships beside the baton binary (or its source tree), and /usr/share/baton/themes;
/// `load` falls back on the themes built into the binary.
public enum ThemeLocator {
    public static func directories(configFile: String?, environment: [String: String], executable: String) -> [String] {
        var list: [String] = []
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.config"
        list.append(configHome + "/baton/themes")
        if let configFile { list.append(((configFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent("themes")) }
        // The binary lives in .build/<triple>/debug/ during development, or bin/ once installed.
        var folder = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        for _ in 0..<5 {
            list.append((folder as NSString).appendingPathComponent("themes"))
            list.append((folder as NSString).appendingPathComponent("share/baton/themes"))
            folder = (folder as NSString).deletingLastPathComponent
        }
        list.append("/usr/local/share/baton/themes")
        list.append("/usr/share/baton/themes")
        return list
    }

    /// The path of the theme called `name`, or an error that lists where it looked.
    public static func locate(_ name: String, configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "baton") throws -> String {
        if name.contains("/") {
            guard FileManager.default.fileExists(atPath: name) else { throw ConfigError(file: name, key: "", message: "no such theme file") }
            return name
        }
        let places = directories(configFile: configFile, environment: environment, executable: executable)
        for place in places {
            let path = (place as NSString).appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw ConfigError(file: name + ".toml", key: "", message: "no theme \"\(name)\"; looked in \(places.joined(separator: ", "))")
    }

    /// The theme called `name` (or at a path): a file found as `locate` finds it, else the
    /// one built into the binary by that name (`ThemeBuiltIn`), else `locate`'s error, which
    /// lists every folder searched.
    public static func load(_ name: String, configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            executable: String = CommandLine.arguments.first ?? "baton") throws -> Theme {
        do {
            return try ThemeFile.load(path: try locate(name, configFile: configFile, environment: environment, executable: executable))
        } catch let error as ConfigError where !name.contains("/") && error.file == name + ".toml" {
            guard let text = ThemeBuiltIn.texts[name] else { throw error }
            return try ThemeFile.parse(text, name: name, file: "\(name).toml (built in)")
        }
    }
}
