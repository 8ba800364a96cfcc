import BatonCore
import BatonStore
import Foundation
import NIOCore
import PostgresNIO

/// `baton store copy` on the PostgreSQL side: the tables of the current schema from the
/// catalog (the schema-version table left out), generated columns (`is_open`, `search`)
/// left out, booleans travelling as 0/1 as SQLite holds them, identity sequences set past
/// the copied ids so the next insert does not collide. Alerts, `events.owner_from/owner_to`
/// and `attachment_contents` (the bytes SQLite keeps as files) are tables and columns like
/// the others here; the SQLite side reads and writes its files for the last.
extension PostgresStore: StoreCopying {
    public func copyShapes() throws -> [CopyTableShape] {
        let columns = try session.query("""
            SELECT c.table_name::text AS t, c.column_name::text AS c FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema() AND c.is_generated = 'NEVER' AND c.table_name <> 'baton_schema'
            ORDER BY c.table_name, c.ordinal_position
            """)
        let keys = try session.query("""
            SELECT cl.relname::text AS t, a.attname::text AS c, rc.relname::text AS r FROM pg_constraint k
            JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class rc ON rc.oid = k.confrelid
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            WHERE k.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace
            """)
        var order: [String] = []
        var byTable: [String: [String]] = [:]
        for row in columns {
            let table = try row.text("t")
            if byTable[table] == nil { order.append(table) }
            byTable[table, default: []].append(try row.text("c"))
        }
        var references: [String: Set<String>] = [:], selfReferences: [String: [String]] = [:]
        for row in keys {
            let table = try row.text("t"), referenced = try row.text("r")
            references[table, default: []].insert(referenced)
            if table == referenced { selfReferences[table, default: []].append(try row.text("c")) }
        }
        return order.map { CopyTableShape(name: $0, columns: byTable[$0]!, references: references[$0] ?? [], selfReferences: selfReferences[$0] ?? []) }
    }

    public func dumpRows(table: String, columns: [String]) throws -> [[CopyValue]] {
        let types = try columnTypes(table)
        let list = columns.map { column -> String in
            switch types[column] ?? "" {
            case "boolean": return "\(Self.quote(column))::int::bigint"
            case "smallint", "integer", "bigint": return "\(Self.quote(column))::bigint"
            default: return Self.quote(column)
            }
        }.joined(separator: ", ")
        return try session.query("SELECT \(list) FROM \(Self.quote(table)) ORDER BY 1").map { row in
            try columns.enumerated().map { index, column in
                let cell = row[index]
                switch types[column] ?? "" {
                case "boolean", "smallint", "integer", "bigint":
                    return try cell.decode(Int64?.self).map(CopyValue.int) ?? .null
                case "bytea":
                    return try cell.decode(ByteBuffer?.self).map { .bytes(Array($0.readableBytesView)) } ?? .null
                default:
                    return try cell.decode(String?.self).map(CopyValue.text) ?? .null
                }
            }
        }
    }

    public func loadRows(_ tables: [CopyTableRows]) throws -> [String: Int] {
        try session.transaction {
            var inserted: [String: Int] = [:]
            for table in tables {
                let types = try columnTypes(table.name)
                let head = "INSERT INTO \(Self.quote(table.name)) (\(table.columns.map(Self.quote).joined(separator: ", "))) VALUES "
                // Many rows a statement: one round trip each for a million rows was most of
                // a copy's time. PostgreSQL binds at most 65,535 parameters a statement.
                let perStatement = max(1, min(Self.copyRowsPerStatement, 65_535 / max(1, table.columns.count)))
                var count = 0
                var start = 0
                while start < table.rows.count {
                    let chunk = table.rows[start..<min(start + perStatement, table.rows.count)]
                    var values: [SQLValue] = []
                    values.reserveCapacity(chunk.count * table.columns.count)
                    var tuples: [String] = []
                    tuples.reserveCapacity(chunk.count)
                    for row in chunk {
                        let base = values.count
                        tuples.append("(" + table.columns.enumerated().map { index, column in
                            types[column] == "boolean" ? "($\(base + index + 1)::bigint <> 0)" : "$\(base + index + 1)"
                        }.joined(separator: ", ") + ")")
                        values += zip(row, table.columns).map { value, column in Self.bind(value, type: types[column] ?? "text") }
                    }
                    count += try session.execute(head + tuples.joined(separator: ", ") + " ON CONFLICT DO NOTHING", values)
                    start += chunk.count
                }
                inserted[table.name] = count
                let found = try Int(session.query("SELECT count(*)::bigint AS n FROM \(Self.quote(table.name))").first?.int("n") ?? 0)
                if found != table.rows.count {
                    throw StoreCopyError.countMismatch(location: url.description, table: table.name, expected: table.rows.count, found: found)
                }
            }
            // Identity columns would hand out the copied ids again.
            for row in try session.query("""
                SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'
                """) {
                let table = try row.text("t"), column = try row.text("c")
                guard tables.contains(where: { $0.name == table }) else { continue }
                try session.execute("""
                    SELECT setval(pg_get_serial_sequence($1, $2), max(\(Self.quote(column)))) FROM \(Self.quote(table)) HAVING max(\(Self.quote(column))) IS NOT NULL
                    """, [.text(Self.quote(table)), .text(column)])
            }
            return inserted
        }
    }

    public func openElsewhere(now: Date) throws -> [String] {
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        var holders: [String] = []
        for row in try session.query("SELECT host, pid, engineer_id FROM screens WHERE heartbeat_at >= $1 ORDER BY host, pid",
                                     [.int(nowMs - Int64(ScreenBeat.expirySeconds * 1000))]) {
            holders.append("a screen of \(try row.text("engineer_id")) (host \(try row.text("host")), pid \(try row.int("pid")))")
        }
        for row in try session.query("SELECT host, pid, engineer_id, conversation_id FROM presence WHERE heartbeat_at >= $1 ORDER BY host, pid",
                                     [.int(nowMs - Int64(Presence.expirySeconds * 1000))]) {
            holders.append("conversation \(try row.int("conversation_id")) open for \(try row.text("engineer_id")) (host \(try row.text("host")), pid \(try row.int("pid")))")
        }
        for row in try session.query("SELECT name, holder FROM leases WHERE expires_at > $1 ORDER BY name", [.int(nowMs)]) {
            holders.append("the lease \(try row.text("name")) held by \(try row.text("holder"))")
        }
        return holders
    }

    /// Each column's `data_type` as the catalog names it ("bigint", "boolean", "text", "bytea").
    private func columnTypes(_ table: String) throws -> [String: String] {
        var types: [String: String] = [:]
        for row in try session.query("""
            SELECT column_name::text AS c, data_type::text AS d FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
            """, [.text(table)]) {
            types[try row.text("c")] = try row.text("d")
        }
        return types
    }

    private static func bind(_ value: CopyValue, type: String) -> SQLValue {
        switch value {
        case .null:
            switch type {
            case "boolean", "smallint", "integer", "bigint": return .int(nil)
            case "bytea": return .bytes(nil)
            default: return .text(nil)
            }
        case let .int(number): return .int(number)
        case let .text(text): return .text(text)
        case let .bytes(bytes): return .bytes(bytes)
        }
    }

    /// Rows a copy's INSERT carries at most (fewer when a table's columns would pass
    /// PostgreSQL's 65,535 parameters).
    static let copyRowsPerStatement = 500

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
