// The one piece of Roster (Sources/BatonIngest/Intake/Roster.swift, which needs BatonCore)
// that the mail parser uses, so the harness compiles from Foundation-only sources.
enum Roster {
    static func domain(_ email: String) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...].lowercased()
        return domain.isEmpty ? nil : domain
    }
}
