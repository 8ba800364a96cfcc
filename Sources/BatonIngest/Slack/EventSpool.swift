import BatonStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Slack events that `baton serve` has answered but not yet stored: one file per event in
/// `STORE-spool/`, named so that names sort in arrival order. An event is written to a
/// hidden file, fsynced, renamed into place and the folder fsynced before Slack gets its
/// 200, so an answered event survives a busy store, `kill -9` and a power cut; it is
/// removed only once its transaction has committed (storing it twice stores nothing twice:
/// the event id and channel + ts are keys).
public final class EventSpool: @unchecked Sendable {
    public let path: String
    /// Counts puts in this process; guarded by `lock`.
    private var counter = 0
    private let lock = NSLock()

    /// Opens (and makes, when missing) the spool beside the store at `storePath`.
    /// - Throws: `StoreError` naming the folder when it is a link or open to others.
    public init(storePath: String) throws {
        path = try StoreSpool.prepare(forStore: storePath)
        removeAbandoned()
    }

    /// Writes one event's body durably and returns its name in the spool.
    /// - Throws: `IngestError` naming the file (a full disk, say): the caller answers 503.
    @discardableResult
    public func put(_ body: [UInt8]) throws -> String {
        let number: Int = lock.withLock { counter += 1; return counter }
        let nanoseconds = UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
        let name = String(format: "%020llu-%d-%06ld.event", nanoseconds, getpid(), number)
        let hidden = path + "/." + name + ".part"
        let file = open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o660)
        guard file >= 0 else { throw failure("cannot create", hidden) }
        fchmod(file, 0o660)  // whatever the umask: the team reads it, nobody else
        var written = 0
        let ok = body.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count, let base = bytes.baseAddress {
                let count = write(file, base + written, bytes.count - written)
                if count < 0 { if errno == EINTR { continue }; return false }
                written += count
            }
            return fsync(file) == 0
        }
        close(file)
        guard ok else {
            let error = failure("cannot write", hidden)
            unlink(hidden)
            throw error
        }
        guard rename(hidden, path + "/" + name) == 0 else {
            let error = failure("cannot rename", hidden)
            unlink(hidden)
            throw error
        }
        // The rename is durable only once the folder is.
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
        return name
    }

    /// The events waiting, oldest first.
    public func pending() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".event") && !$0.hasPrefix(".") }.sorted()
    }

    /// One waiting event's body. Never follows a link put in the spool.
    public func read(_ name: String) throws -> Data {
        let file = open(path + "/" + name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { throw failure("cannot open", path + "/" + name) }
        let handle = FileHandle(fileDescriptor: file, closeOnDealloc: true)
        return try handle.readToEnd() ?? Data()
    }

    /// Done with: the event is stored.
    public func remove(_ name: String) { unlink(path + "/" + name) }

    /// An event that cannot be stored (not the store's fault) is kept, out of the way, for a person.
    public func setAside(_ name: String) { rename(path + "/" + name, path + "/" + name + ".rejected") }

    /// Half-written files of a process that died before it answered: Slack retries those.
    private func removeAbandoned() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".part") {
            var info = stat()
            if lstat(path + "/" + name, &info) == 0, Date().timeIntervalSince1970 - Double(info.st_mtim.tv_sec) > 60 {
                unlink(path + "/" + name)
            }
        }
    }

    private func failure(_ what: String, _ file: String) -> IngestError {
        IngestError(file: file, message: "\(what) the spooled event: \(String(cString: strerror(errno)))")
    }
}
