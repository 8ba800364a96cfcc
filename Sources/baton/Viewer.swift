import BatonCore
import Foundation

/// Who is at the keyboard: the roster entry whose `unix_user` is this process's real user.
enum Viewer {
    static var unixUser: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(getuid())
    }

    /// The engineer acting, or nil for someone not on the roster.
    static func engineer(in team: TeamConfig) -> Engineer? {
        if let id = ProcessInfo.processInfo.environment["BATON_AS"], !id.isEmpty { return team.engineer(id) }
        let user = unixUser
        return team.engineers.first { $0.unixUser == user }
    }

    /// The engineer acting; someone not on the roster may read but not act.
    static func requireEngineer(_ context: Context) throws -> Engineer {
        guard let engineer = engineer(in: context.team) else {
            throw Failure(description: "you (\(unixUser)) are not on the roster in \(context.configPath); add an [[engineer]] with unix_user = \"\(unixUser)\"")
        }
        return engineer
    }
}
