import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of a Slack export, by their path inside it ("acme-support/2026-11-20.json"),
/// whether it is a folder on disk or a zip read in memory. Every read stays inside the
/// export: a path that is not plain names joined by "/" (a channel named "../x"), or that
/// crosses a symbolic link, is refused and named, so an export cannot make the import read
/// the engineer's own files into the shared store.
protocol ExportFiles: Sendable {
    /// Whether anything (a file, a folder, a link) is at `path`.
    func exists(_ path: String) -> Bool
    /// The names of what the folder at `path` holds ("" is the top).
    func list(_ path: String) throws -> [String]
    /// A file's bytes.
    func read(_ path: String) throws -> Data
    /// What to call `path` in messages.
    func name(_ path: String) -> String
}

extension ExportFiles {
    /// `path` split into names, or nil when one is empty, "." or "..": such a path could
    /// leave the export or mean something other than it says.
    static func plainNames(_ path: String) -> [Substring]? {
        let names = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !names.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") }) else { return nil }
        return names
    }
}

/// An export unpacked by the engineer into a folder. Files are opened one name at a time
/// from the folder's descriptor with O_NOFOLLOW, so a symbolic link anywhere below the
/// top (a day file, a channel folder) is refused, and nothing can swap one in between a
/// check and the open.
final class ExportFolder: ExportFiles, @unchecked Sendable {
    /// The folder as the engineer named it, for messages.
    let path: String
    /// Opened once; read only through openat. Never changes after init.
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        // The top itself may be a link the engineer made (~/exports -> /data/exports): it is theirs to choose.
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IngestError(file: path, message: "cannot open the folder: \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func name(_ inside: String) -> String { inside.isEmpty ? path : (path as NSString).appendingPathComponent(inside) }

    func exists(_ inside: String) -> Bool {
        guard let names = Self.plainNames(inside) else { return false }
        guard let parent = try? openFolder(names.dropLast(), for: inside) else { return false }
        defer { if parent != descriptor { close(parent) } }
        var info = stat()
        return fstatat(parent, String(names.last!), &info, AT_SYMLINK_NOFOLLOW) == 0
    }

    func list(_ inside: String) throws -> [String] {
        let names = inside.isEmpty ? [] : try checked(inside)
        let folder = try openFolder(names[...], for: inside)
        // fdopendir takes the descriptor over; give it its own so the top stays open.
        guard let stream = fdopendir(folder == descriptor ? dup(descriptor) : folder) else {
            throw IngestError(file: name(inside), message: "cannot list the folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        var found: [String] = []
        while let entry = readdir(stream) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if entryName != ".", entryName != ".." { found.append(entryName) }
        }
        return found
    }

    func read(_ inside: String) throws -> Data {
        let names = try checked(inside)
        let parent = try openFolder(names.dropLast(), for: inside)
        defer { if parent != descriptor { close(parent) } }
        // O_NONBLOCK: a FIFO put in the export must not hang the import in open(2).
        let file = openat(parent, String(names.last!), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { throw refusal(errno, at: parent, String(names.last!), for: inside) }
        let handle = FileHandle(fileDescriptor: file, closeOnDealloc: true)
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw IngestError(file: name(inside), message: "not a plain file; refused: an import reads only the export's own files")
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw IngestError(file: name(inside), message: "unreadable: \(error.localizedDescription)")
        }
    }

    private func checked(_ inside: String) throws -> [Substring] {
        guard let names = Self.plainNames(inside) else {
            throw IngestError(file: name(inside), message: "a path that leaves the export or is not plain names; refused")
        }
        return names
    }

    /// The folder `names` below the top, each step without following a link. The caller
    /// closes what it gets unless it is the top's own descriptor.
    private func openFolder(_ names: ArraySlice<Substring>, for inside: String) throws -> Int32 {
        var current = descriptor
        for step in names {
            let next = openat(current, String(step), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let failure = errno
            if next < 0 {
                let error = refusal(failure, at: current, String(step), for: inside)
                if current != descriptor { close(current) }
                throw error
            }
            if current != descriptor { close(current) }
            current = next
        }
        return current
    }

    private func refusal(_ failure: Int32, at folder: Int32, _ entry: String, for inside: String) -> IngestError {
        var info = stat()
        if fstatat(folder, entry, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFLNK {
            return IngestError(file: name(inside), message: "\(entry) is a symbolic link; refused: an import reads only files inside the export")
        }
        return IngestError(file: name(inside), message: String(cString: strerror(failure)))
    }
}
