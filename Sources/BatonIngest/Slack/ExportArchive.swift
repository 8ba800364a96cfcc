import Foundation
import ZIPFoundation

/// A zipped Slack export, read entry by entry into memory with ZIPFoundation: nothing is
/// unpacked to disk, so no customer data lies in a shared temporary folder while the
/// import runs or after it dies. Symbolic-link entries are refused and named. What the
/// import may unpack in all is capped (`limit`, bytes): the archive's own sizes are
/// added up before anything is read, and an entry that inflates past the size it
/// declares is stopped there, so a small zip cannot become gigabytes in memory.
final class ExportArchive: ExportFiles, @unchecked Sendable {
    let path: String
    let limit: UInt64
    // ZIPFoundation's Archive reads through one FILE*; one reader at a time.
    private let lock = NSLock()
    private let archive: Archive
    private let entries: [String: Entry]

    init(path: String, limit: UInt64 = SlackExport.defaultUnpackLimit) throws {
        self.path = path
        self.limit = limit
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError(file: path, message: "not a readable zip archive (truncated or damaged?): \(Self.describe(error))")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        for entry in archive {
            // Folders appear as "name/"; keep them without the slash, so lookups need not care.
            let key = entry.path.hasSuffix("/") ? String(entry.path.dropLast()) : entry.path
            total += entry.uncompressedSize
            if total > limit {
                throw IngestError(file: "\(path):\(entry.path)",
                                  message: "unpacking the archive up to this entry comes to \(total) bytes, past the import's cap of \(limit) bytes (\(limit >> 20) MiB); refused (a zip bomb?). If the export is real, raise the cap with --max-unpacked")
            }
            entries[key] = entry
        }
        self.entries = entries
    }

    func name(_ inside: String) -> String { "\(path):\(inside)" }

    func exists(_ inside: String) -> Bool {
        entries[inside] != nil || entries.keys.contains { $0.hasPrefix(inside + "/") }
    }

    func list(_ inside: String) throws -> [String] {
        let prefix = inside.isEmpty ? "" : inside + "/"
        var names = Set<String>()
        for key in entries.keys where key.hasPrefix(prefix) && key.count > prefix.count {
            names.insert(String(key.dropFirst(prefix.count).prefix { $0 != "/" }))
        }
        return Array(names)
    }

    func read(_ inside: String) throws -> Data {
        guard Self.plainNames(inside) != nil else {
            throw IngestError(file: name(inside), message: "a path that leaves the export or is not plain names; refused")
        }
        guard let entry = entries[inside] else { throw IngestError(file: name(inside), message: "missing") }
        switch entry.type {
        case .symlink:
            throw IngestError(file: name(inside), message: "a symbolic link; refused: an import reads only files inside the export")
        case .directory:
            throw IngestError(file: name(inside), message: "a folder, not a file")
        case .file:
            break
        }
        let declared = entry.uncompressedSize
        var data = Data()
        data.reserveCapacity(Int(min(declared, 64 << 20)))
        do {
            try lock.withLock {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    // The declared sizes were summed against the cap; more than declared is a lie.
                    if UInt64(data.count) > declared { throw Overrun() }
                }
            }
        } catch is Overrun {
            throw IngestError(file: name(inside), message: "inflates past the \(declared) bytes the archive says it holds; refused (a zip bomb?)")
        } catch {
            throw IngestError(file: name(inside), message: "cannot unpack this entry (the archive is damaged?): \(Self.describe(error))")
        }
        return data
    }

    private struct Overrun: Error {}

    static func describe(_ error: Error) -> String {
        switch error {
        case Archive.ArchiveError.missingEndOfCentralDirectoryRecord: return "no end of central directory record"
        case Archive.ArchiveError.unreadableArchive: return "unreadable"
        case Archive.ArchiveError.invalidCRC32: return "its checksum does not match"
        default: return "\(error)"
        }
    }
}
