import Foundation

/// One column value as it travels between backends: the logical schema's types only.
/// Booleans travel as `.int` 0/1 (SQLite's form); instants as whole seconds (or the
/// milliseconds the schema says) in `.int`.
public enum CopyValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)
    case bytes([UInt8])
}

/// A table as one backend holds it: its copyable columns (generated columns left out) and
/// the tables its foreign keys point at, so parents are loaded before children.
public struct CopyTableShape: Sendable, Equatable {
    public let name: String
    public let columns: [String]
    public let references: Set<String>
    /// Columns that point at this same table (`conversations.merged_into`).
    public let selfReferences: [String]

    public init(name: String, columns: [String], references: Set<String>, selfReferences: [String]) {
        self.name = name
        self.columns = columns
        self.references = references
        self.selfReferences = selfReferences
    }
}

/// One table's rows to load, with the columns in the order of each row's values.
public struct CopyTableRows: Sendable {
    public let name: String
    public let columns: [String]
    public let rows: [[CopyValue]]

    public init(name: String, columns: [String], rows: [[CopyValue]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// What the copy did to one table: rows in the source, rows newly written to the target.
public struct CopyTableResult: Sendable, Equatable {
    public let name: String
    public let sourceRows: Int
    public let inserted: Int
    public let targetRows: Int
}

/// A backend that can be the source or the target of `baton store copy`.
public protocol StoreCopying: AnyObject {
    /// The store's own tables (not the backend's bookkeeping: schema version, full-text index).
    func copyShapes() throws -> [CopyTableShape]
    /// Every row of `table`, values in `columns` order, by primary key.
    func dumpRows(table: String, columns: [String]) throws -> [[CopyValue]]
    /// Inserts the rows in one transaction, tables in the order given; a row whose primary
    /// (or another unique) key is there already is left as it is. After the inserts each
    /// table must hold exactly as many rows as it was given, else
    /// `StoreCopyError.countMismatch` is thrown and nothing is written. Identity sequences
    /// are set past the highest id. Returns the rows inserted per table.
    func loadRows(_ tables: [CopyTableRows]) throws -> [String: Int]
    /// Who else has the store open at `now` (screens, open conversations, held leases),
    /// one line each; empty when nobody.
    func openElsewhere(now: Date) throws -> [String]
}

/// Why a copy stopped.
public enum StoreCopyError: Error, Equatable, CustomStringConvertible {
    case sameStore(String)
    case inUse(location: String, holders: [String])
    case countMismatch(location: String, table: String, expected: Int, found: Int)
    case notCopyable(location: String)

    public var description: String {
        switch self {
        case let .sameStore(location):
            return "the source and the target are the same store (\(location))"
        case let .inUse(location, holders):
            return "\(location) is open in another baton process; writes made after the copy would be lost. "
                + "Close these first: " + holders.joined(separator: "; ")
        case let .countMismatch(location, table, expected, found):
            return "\(location): table \(table) would hold \(found) rows after the copy, not the source's \(expected): "
                + "the target holds rows that are not this source's (nothing was written)"
        case let .notCopyable(location):
            return "\(location): this backend cannot be copied"
        }
    }
}

/// `baton store copy`: every table both backends know, verified by counts, idempotent.
///
/// Idempotence is by primary key: a row already in the target is left alone and the
/// target's count per table must equal the source's afterwards. So a second run inserts
/// nothing and reports the same counts, and a target holding another store's rows is
/// refused whole (one transaction) instead of being merged into.
public enum StoreCopy {
    public struct Report: Sendable {
        public let tables: [CopyTableResult]
        /// Tables only the source has (not copied) and only the target has (left as they are).
        public let sourceOnly: [String]
        public let targetOnly: [String]
        /// "table.column" present on one side only.
        public let sourceOnlyColumns: [String]
        public let targetOnlyColumns: [String]
    }

    /// Copies `source` into `target` at `now` (UTC, for the in-use check).
    /// - Throws: `StoreCopyError.inUse` when another process has the source open;
    ///   `.countMismatch` when the target holds rows that are not the source's; `StoreError` from either side.
    public static func run(from source: StoreCopying, to target: StoreCopying, sourceName: String, targetName: String, now: Date) throws -> Report {
        guard source !== target, sourceName != targetName else { throw StoreCopyError.sameStore(sourceName) }
        let holders = try source.openElsewhere(now: now)
        if !holders.isEmpty { throw StoreCopyError.inUse(location: sourceName, holders: holders) }
        let sourceShapes = try source.copyShapes()
        let targetShapes = Dictionary(uniqueKeysWithValues: try target.copyShapes().map { ($0.name, $0) })
        let sourceNames = Set(sourceShapes.map(\.name))
        var tables: [CopyTableRows] = []
        var sourceOnlyColumns: [String] = [], targetOnlyColumns: [String] = []
        for shape in order(sourceShapes.filter { targetShapes[$0.name] != nil }) {
            let there = targetShapes[shape.name]!
            let columns = shape.columns.filter(there.columns.contains)
            sourceOnlyColumns += shape.columns.filter { !there.columns.contains($0) }.map { "\(shape.name).\($0)" }
            targetOnlyColumns += there.columns.filter { !shape.columns.contains($0) }.map { "\(shape.name).\($0)" }
            var rows = try source.dumpRows(table: shape.name, columns: columns)
            let selfColumns = shape.selfReferences.compactMap { columns.firstIndex(of: $0) }
            if !selfColumns.isEmpty, let key = columns.firstIndex(of: "id") { rows = parentsFirst(rows, key: key, pointers: selfColumns) }
            tables.append(CopyTableRows(name: shape.name, columns: columns, rows: rows))
        }
        let inserted = try target.loadRows(tables)
        return Report(
            tables: tables.map { CopyTableResult(name: $0.name, sourceRows: $0.rows.count, inserted: inserted[$0.name] ?? 0, targetRows: $0.rows.count) },
            sourceOnly: sourceShapes.map(\.name).filter { targetShapes[$0] == nil },
            targetOnly: targetShapes.keys.filter { !sourceNames.contains($0) }.sorted(),
            sourceOnlyColumns: sourceOnlyColumns, targetOnlyColumns: targetOnlyColumns)
    }

    /// Tables with the ones they reference first (names sorted within a rank, so the order is stable).
    static func order(_ shapes: [CopyTableShape]) -> [CopyTableShape] {
        var done: Set<String> = []
        var left = shapes.sorted { $0.name < $1.name }
        var result: [CopyTableShape] = []
        let present = Set(shapes.map(\.name))
        while !left.isEmpty {
            let ready = left.filter { $0.references.subtracting([$0.name]).intersection(present).isSubset(of: done) }
            // A cycle between tables (none in the schema) would otherwise never finish: take the rest as they are.
            let next = ready.isEmpty ? left : ready
            result += next
            done.formUnion(next.map(\.name))
            left.removeAll { done.contains($0.name) }
        }
        return result
    }

    /// Rows whose self-references point at rows already placed come after them, so a
    /// non-deferrable foreign key (PostgreSQL's) holds at every insert.
    static func parentsFirst(_ rows: [[CopyValue]], key: Int, pointers: [Int]) -> [[CopyValue]] {
        var placed: Set<CopyValue.Key> = []
        var left = rows, result: [[CopyValue]] = []
        result.reserveCapacity(rows.count)
        while !left.isEmpty {
            let before = result.count
            left.removeAll { row in
                let ready = pointers.allSatisfy { row[$0] == .null || row[$0] == row[key] || placed.contains(CopyValue.Key(row[$0])) }
                if ready { result.append(row); placed.insert(CopyValue.Key(row[key])) }
                return ready
            }
            if result.count == before { result += left; break }
        }
        return result
    }
}

extension CopyValue {
    /// A hashable form of a key value.
    struct Key: Hashable {
        let text: String
        init(_ value: CopyValue) {
            switch value {
            case .null: text = "n"
            case let .int(number): text = "i\(number)"
            case let .text(string): text = "t" + string
            case let .bytes(bytes): text = "b" + bytes.map { String($0) }.joined(separator: ",")
            }
        }
    }
}
