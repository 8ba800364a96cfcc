import Foundation

/// A Slack workspace export: users.json, channels.json, and a folder per channel holding
/// one JSON file of messages per day; a folder, or a .zip read in memory (see
/// ExportArchive), never unpacked to disk. Every file is read through `ExportFiles`,
/// which keeps every read inside the export.
public final class SlackExport: @unchecked Sendable {
    /// The export as the engineer named it.
    public let path: String
    /// Where channels.json is, inside the export: "" or its one subfolder ("export/").
    let root: String
    public let directory: SlackDirectory
    let files: any ExportFiles

    /// The default cap on what one import unpacks from a zip: 1 GiB, far above a support
    /// workspace's JSON (100,000 messages are about 60 MB), far below what would hurt the shared box.
    public static let defaultUnpackLimit: UInt64 = 1 << 30

    /// - Parameter unpackLimit: for a zip, the most bytes the import may unpack in all.
    /// - Throws: `IngestError` naming the file: not there, not a readable zip, past the
    ///   unpack limit, not a Slack export, a missing or malformed users.json or channels.json.
    public init(path: String, unpackLimit: UInt64 = SlackExport.defaultUnpackLimit) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(file: path, message: "no such file or folder")
        }
        if isDirectory.boolValue {
            files = try ExportFolder(path: path)
        } else {
            Self.removeStaleUnpackedFolders()
            files = try ExportArchive(path: path, limit: unpackLimit)
        }
        root = try Self.exportRoot(files, named: path)
        directory = try Self.readDirectory(files, root: root)
    }

    /// Earlier versions unpacked zips into `$TMPDIR/baton-slack-UUID`, readable by everyone,
    /// and left them there after a crash: this user's are removed (never anyone else's, never
    /// through a link).
    static func removeStaleUnpackedFolders() {
        let temporary = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for name in names where name.hasPrefix("baton-slack-") {
            let folder = (temporary as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// users.json (org_users.json in an Enterprise Grid export, same shape), channels.json
    /// and groups.json (private channels, in exports that have them).
    private static func readDirectory(_ files: any ExportFiles, root: String) throws -> SlackDirectory {
        let usersFile = files.exists(root + "users.json") || !files.exists(root + "org_users.json") ? "users.json" : "org_users.json"
        guard files.exists(root + usersFile) else {
            // Refused rather than guessed: a team reply stored as a customer's stays one, as a later import skips known messages.
            throw IngestError(file: files.name(root + "users.json"),
                              message: "missing (and no org_users.json either): without the users' emails, the team's messages cannot be told from customers'; export again with users.json")
        }
        let users = try read(files, root + usersFile, name: usersFile) { try SlackDirectory.decodeUsers($0) }
        var channels = try read(files, root + "channels.json", name: "channels.json") { try SlackDirectory.decodeChannels($0) }
        if files.exists(root + "groups.json") {
            channels += try read(files, root + "groups.json", name: "groups.json") { try SlackDirectory.decodeChannels($0) }
        }
        return SlackDirectory(users: users, channels: channels)
    }

    /// The channel's day files (paths inside the export), oldest first ("2026-11-23.json"
    /// sorts by name). A channel whose name is not one plain folder name ("../x", "a/b")
    /// is refused and named: its folder could be anywhere.
    public func dayFiles(of channel: SlackDirectory.Channel) throws -> [String] {
        guard !channel.name.contains("/"), let names = ExportFolder.plainNames(channel.name), names.count == 1 else {
            throw IngestError(file: files.name(root + "channels.json"),
                              message: "channel \(channel.id) is named \"\(channel.name)\", which is no folder name inside the export; refused")
        }
        let folder = root + channel.name
        guard files.exists(folder) else { return [] }
        return try files.list(folder).filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    /// A file's bytes, by its path inside the export. Throws `IngestError` naming it.
    public func read(_ file: String) throws -> Data { try files.read(file) }

    /// What to call a file in messages: the export, then its place inside.
    public func displayName(_ file: String) -> String { files.name(file) }

    /// One day file's messages.
    public static func decodeDay(_ data: Data) throws -> [SlackMessage] {
        try JSONDecoder().decode([SlackMessage].self, from: data)
    }

    static func read<T>(_ files: any ExportFiles, _ file: String, name: String, _ decode: (Data) throws -> T) throws -> T {
        guard files.exists(file) else {
            throw IngestError(file: files.name(file), message: "missing; a Slack export has \(name) at its top")
        }
        let data = try files.read(file)
        do {
            return try decode(data)
        } catch {
            throw IngestError(file: files.name(file), message: JSONProblem.describe(error, in: data))
        }
    }

    /// Where channels.json is: at the top, or in the top's one subfolder (zips made by hand).
    static func exportRoot(_ files: any ExportFiles, named name: String) throws -> String {
        if files.exists("channels.json") { return "" }
        let entries = (try? files.list("")) ?? []
        if entries.count == 1, files.exists(entries[0] + "/channels.json") { return entries[0] + "/" }
        throw IngestError(file: name, message: "not a Slack export: no channels.json at its top")
    }
}
