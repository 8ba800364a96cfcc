/// Who is acting: the roster entry whose `unix_user` is the process's real user. Only a
/// demo store lets `BATON_AS` stand in for that, so nobody can act as a colleague on
/// the real queue by setting a variable.
public enum Identity: Equatable, Sendable {
    case engineer(Engineer)
    /// Not on the roster: may read the queue, may not act. The text says why.
    case reader(reason: String)

    public static func resolve(unixUser: String?, override: String?, demoStore: Bool, team: TeamConfig, configPath: String) -> Identity {
        if let override, !override.isEmpty {
            guard demoStore else {
                return .reader(reason: "BATON_AS works only on a demo store; unset it to act as yourself (unix user \(unixUser ?? "?"))")
            }
            guard let engineer = team.engineer(override) ?? team.engineers.first(where: { $0.unixUser == override }) else {
                return .reader(reason: "BATON_AS=\(override) is not on the roster in \(configPath)")
            }
            return .engineer(engineer)
        }
        guard let unixUser, let engineer = team.engineers.first(where: { $0.unixUser == unixUser }) else {
            return .reader(reason: "you (unix user \(unixUser ?? "unknown")) are not on the roster in \(configPath); add unix_user = \"\(unixUser ?? "")\" to your [[engineer]] entry")
        }
        return .engineer(engineer)
    }

    public var engineer: Engineer? {
        if case .engineer(let engineer) = self { return engineer }
        return nil
    }

    public var reason: String? {
        if case .reader(let reason) = self { return reason }
        return nil
    }
}
