import BatonCore
import BatonStore
import Foundation

/// Who runs this command: the roster entry of the process's real Unix user (getuid), or,
/// on a demo store only, the engineer `BATON_AS` names.
extension Context {
    func identity() throws -> Identity {
        let unixUser = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let override = ProcessInfo.processInfo.environment["BATON_AS"]
        let demo = (override?.isEmpty ?? true) ? false : try store.isDemo()
        return Identity.resolve(unixUser: unixUser, override: override, demoStore: demo, team: team, configPath: configPath)
    }

    /// The engineer acting; anyone else may read but not act.
    func actor() throws -> Engineer {
        let identity = try identity()
        guard let engineer = identity.engineer else { throw Failure(description: identity.reason ?? "not on the roster", exitCode: ExitStatus.notOnRoster) }
        return engineer
    }
}

/// Exit statuses scripts can act on.
enum ExitStatus {
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    /// Someone else owns it, or changed it first.
    static let conflict: Int32 = 3
    static let notOnRoster: Int32 = 4
}
