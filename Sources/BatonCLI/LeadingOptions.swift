/// `baton --config FILE ingest slack-export DIR`, the way git and kubectl take options
/// that every command shares. ArgumentParser reads an option only after the subcommand
/// that declares it, so a leading `--config` moves to the end of the arguments (before
/// a `--`, which ends options).
enum LeadingOptions {
    static func reordered(_ arguments: [String], subcommands: Set<String>) -> [String] {
        guard let first = arguments.first else { return arguments }
        let length = first == "--config" ? 2 : first.hasPrefix("--config=") ? 1 : 0
        guard length > 0, arguments.count > length, subcommands.contains(arguments[length]) else { return arguments }
        let option = arguments[..<length]
        var rest = Array(arguments[length...])
        rest.insert(contentsOf: option, at: rest.firstIndex(of: "--") ?? rest.endIndex)
        return rest
    }
}
