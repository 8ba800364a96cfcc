import BatonStore
import Foundation

/// The start-up check that the role can read and write every table baton keeps (and use
/// its sequences): customer data is for the team alone, so the database is usually made
/// with grants for one role, and a grant missing there is said at start, by name, with the
/// statement that adds it, not as a failed write in the middle of someone's work.
extension PostgresStore {
    /// - Throws: `StoreError.cannotOpen` naming each missing grant and the GRANT that fixes it.
    func checkGrants() throws {
        let rows = try session.query("""
            SELECT c.relname AS name, c.relkind::text AS kind, p.privilege
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN (VALUES ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('USAGE')) AS p(privilege)
            WHERE n.nspname = current_schema()
              AND ((c.relkind = 'r' AND p.privilege <> 'USAGE' AND NOT has_table_privilege(c.oid, p.privilege))
                OR (c.relkind = 'S' AND p.privilege = 'USAGE' AND NOT has_sequence_privilege(c.oid, 'USAGE')))
            ORDER BY c.relname, p.privilege
            """)
        guard !rows.isEmpty else { return }
        var missing: [(name: String, kind: String, privileges: [String])] = []
        for row in rows {
            let name = try row.text("name"), privilege = try row.text("privilege")
            if missing.last?.name == name { missing[missing.count - 1].privileges.append(privilege) }
            else { missing.append((name, try row.text("kind"), [privilege])) }
        }
        let role = try session.query("SELECT current_user AS role").first?.text("role") ?? url.user
        let grants = missing.map { "GRANT \($0.privileges.joined(separator: ", ")) ON \($0.kind == "S" ? "SEQUENCE" : "TABLE") \($0.name) TO \(role);" }
        throw StoreError.cannotOpen(path: url.description, reason: "the role \(role) lacks "
            + missing.map { "\($0.privileges.joined(separator: ", ")) on \($0.name)" }.joined(separator: "; ")
            + "; as the database's owner, run: " + grants.joined(separator: " "))
    }
}
