import BatonCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `baton store copy` on the SQLite side: the tables from `sqlite_schema`, their columns
/// from `PRAGMA table_xinfo` (generated ones such as `is_open` left out: the target makes
/// its own), foreign keys from `PRAGMA foreign_key_list`. The attachments' bytes, which a
/// SQLite store keeps as files beside it (`STORE-attachments/`, named by SHA-256), travel as
/// the table PostgreSQL keeps them in, `attachment_contents (digest, data)`: read from and
/// written to those files, so a round trip carries the bytes both ways.
extension SQLiteStore: StoreCopying {
    /// The table the attachment files travel as (PostgreSQL's name for it).
    static let attachmentContentsTable = "attachment_contents"

    public func copyShapes() throws -> [CopyTableShape] {
        try tableShapes() + [CopyTableShape(name: Self.attachmentContentsTable, columns: ["digest", "data"], references: [], selfReferences: [])]
    }

    private func tableShapes() throws -> [CopyTableShape] {
        try read { db in
            let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            // Full-text indexes are rebuilt by the target's own triggers: skip them and their shadow tables.
            let virtual = tables.filter { (($0["sql"] as String?) ?? "").uppercased().hasPrefix("CREATE VIRTUAL") }.map { $0["name"] as String }
            return try tables.map { $0["name"] as String }.filter { name in !virtual.contains { name == $0 || name.hasPrefix($0 + "_") } }.map { name in
                let quoted = Self.quote(name)
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_xinfo(\(quoted))").filter { ($0["hidden"] as Int) == 0 }.map { $0["name"] as String }
                let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(quoted))")
                return CopyTableShape(name: name, columns: columns, references: Set(keys.map { $0["table"] as String }),
                                      selfReferences: keys.filter { ($0["table"] as String) == name }.map { $0["from"] as String })
            }
        }
    }

    public func dumpRows(table: String, columns: [String]) throws -> [[CopyValue]] {
        if table == Self.attachmentContentsTable { return try dumpAttachmentContents(columns: columns) }
        return try read { db in
            let list = columns.map(Self.quote).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT \(list) FROM \(Self.quote(table)) ORDER BY rowid").map { row in
                (0..<columns.count).map { index in
                    switch (row[index] as DatabaseValue).storage {
                    case .null: return .null
                    case let .int64(number): return .int(number)
                    case let .double(number): return .text(String(number))
                    case let .string(text): return .text(text)
                    case let .blob(data): return .bytes([UInt8](data))
                    }
                }
            }
        }
    }

    public func loadRows(_ tables: [CopyTableRows]) throws -> [String: Int] {
        let path = self.path
        return try write { db in
            // Checked at commit, so a row may name one loaded later in the same copy.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            var inserted: [String: Int] = [:]
            // The attachment files last: a target refused for its rows gets no file either.
            for table in tables where table.name != Self.attachmentContentsTable {
                let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: """
                    INSERT INTO \(Self.quote(table.name)) (\(table.columns.map(Self.quote).joined(separator: ", "))) VALUES (\(marks))
                    ON CONFLICT DO NOTHING
                    """)
                var count = 0
                for row in table.rows {
                    try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
                    count += db.changesCount
                }
                inserted[table.name] = count
                let found = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.quote(table.name))") ?? 0
                if found != table.rows.count {
                    throw StoreCopyError.countMismatch(location: path, table: table.name, expected: table.rows.count, found: found)
                }
            }
            for table in tables where table.name == Self.attachmentContentsTable {
                inserted[table.name] = try loadAttachmentContents(table)
            }
            return inserted
        }
    }

    public func openElsewhere(now: Date) throws -> [String] {
        let nowMs = Self.milliseconds(now)
        var holders: [String] = []
        try presenceFile.database().read { db in
            for row in try Row.fetchAll(db, sql: "SELECT host, pid, engineer_id FROM screens WHERE heartbeat_at >= ? ORDER BY host, pid",
                                        arguments: [nowMs - Int64(ScreenBeat.expirySeconds * 1000)]) {
                holders.append("a screen of \(row["engineer_id"] as String) (host \(row["host"] as String), pid \(row["pid"] as Int64))")
            }
            for row in try Row.fetchAll(db, sql: "SELECT host, pid, engineer_id, conversation_id FROM presence WHERE heartbeat_at >= ? ORDER BY host, pid",
                                        arguments: [nowMs - Int64(Presence.expirySeconds * 1000)]) {
                holders.append("conversation \(row["conversation_id"] as Int64) open for \(row["engineer_id"] as String) (host \(row["host"] as String), pid \(row["pid"] as Int64))")
            }
        }
        try read { db in
            for row in try Row.fetchAll(db, sql: "SELECT name, holder FROM leases WHERE expires_at > ? ORDER BY name", arguments: [nowMs]) {
                holders.append("the lease \(row["name"] as String) held by \(row["holder"] as String)")
            }
        }
        // Screens and leases are sanitised by whoever prints them: they are baton's own, but may name a host.
        return Array(Set(holders)).sorted()
    }

    /// One row per content the `attachments` rows name, its bytes read from its file (by
    /// digest). A file missing is an error naming it: the copy would not be complete.
    private func dumpAttachmentContents(columns: [String]) throws -> [[CopyValue]] {
        let digests = try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT digest FROM attachments ORDER BY digest") }
        return try digests.map { digest in
            let data = try attachmentData(StoredAttachment(number: 0, messageID: 0, name: digest, contentType: "", size: 0, digest: digest))
            return columns.map { $0 == "data" ? .bytes([UInt8](data)) : $0 == "digest" ? .text(digest) : .null }
        }
    }

    /// Writes each content to its file beside the store (a file there already is left as it
    /// is: its name is its SHA-256). Returns the files newly written; afterwards the folder
    /// must hold exactly as many contents as given, else `StoreCopyError.countMismatch`.
    /// Files are written before the rows' transaction commits, as intake writes them: one
    /// left by a copy that then failed is an unreferenced copy, never a missing file.
    private func loadAttachmentContents(_ table: CopyTableRows) throws -> Int {
        let folder = Self.attachmentsPath(forStore: path)
        guard let digestColumn = table.columns.firstIndex(of: "digest"), let dataColumn = table.columns.firstIndex(of: "data") else {
            throw StoreError.cannotOpen(path: folder, reason: "the source's \(table.name) lacks its digest or data column")
        }
        try StoreFiles.prepareFolder(folder)
        var storeInfo = stat()
        let group: gid_t? = stat(path, &storeInfo) == 0 ? storeInfo.st_gid : nil
        var written = 0
        for row in table.rows {
            guard case let .text(digest) = row[digestColumn], digest.count == 64, digest.allSatisfy(\.isHexDigit), !digest.contains("/") else {
                throw StoreError.cannotOpen(path: folder, reason: "an attachment's digest is not 64 hex digits: \(row[digestColumn])")
            }
            guard case let .bytes(bytes) = row[dataColumn] else {
                throw StoreError.cannotOpen(path: folder + "/" + digest, reason: "the attachment's bytes are missing in the source")
            }
            if try Self.keepAttachmentFile(bytes, at: folder + "/" + digest, group: group, store: path) { written += 1 }
        }
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }.count
        if found != table.rows.count {
            throw StoreCopyError.countMismatch(location: folder, table: table.name, expected: table.rows.count, found: found)
        }
        return written
    }

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func databaseValue(_ value: CopyValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case let .int(number): return number.databaseValue
        case let .text(text): return text.databaseValue
        case let .bytes(bytes): return Data(bytes).databaseValue
        }
    }
}
