import Foundation

/// A Slack workspace export on disk: users.json, channels.json, and a folder per channel
/// holding one JSON file of messages per day. A .zip is unpacked into a temporary folder
/// first (with unzip(1): there is no zip package on this machine's list).
public final class SlackExport {
    public let path: String
    public let root: String
    public let directory: SlackDirectory
    private let temporary: String?

    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(file: path, message: "no such file or folder")
        }
        if isDirectory.boolValue {
            temporary = nil
            root = try Self.exportRoot(path, named: path)
        } else {
            let folder = try Self.unzip(path)
            temporary = folder
            do {
                root = try Self.exportRoot(folder, named: path)
            } catch {
                try? FileManager.default.removeItem(atPath: folder)
                throw error
            }
        }
        do {
            let (root, unzipped) = (root, temporary != nil)
            directory = try Self.readDirectory(root, named: { Self.displayName($0, root: root, path: path, unzipped: unzipped) })
        } catch {
            // deinit does not run for an object that never finished its init.
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
            throw error
        }
    }

    /// users.json, channels.json and groups.json (private channels, in exports that have them).
    private static func readDirectory(_ root: String, named name: (String) -> String) throws -> SlackDirectory {
        guard FileManager.default.fileExists(atPath: root + "/users.json") else {
            // Refused rather than guessed: a team reply stored as a customer's stays one, as a later import skips known messages.
            throw IngestError(file: name(root + "/users.json"),
                              message: "missing: without the users' emails, the team's messages cannot be told from customers'; export again with users.json")
        }
        let users = try read(root + "/users.json", name: "users.json") { try SlackDirectory.decodeUsers($0) }
        var channels = try read(root + "/channels.json", name: "channels.json") { try SlackDirectory.decodeChannels($0) }
        if FileManager.default.fileExists(atPath: root + "/groups.json") {
            channels += try read(root + "/groups.json", name: "groups.json") { try SlackDirectory.decodeChannels($0) }
        }
        return SlackDirectory(users: users, channels: channels)
    }

    deinit {
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
    }

    /// The channel's day files, oldest first ("2026-11-23.json" sorts by name).
    public func dayFiles(of channel: SlackDirectory.Channel) -> [String] {
        let folder = root + "/" + channel.name
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    /// What to call a file in messages: its place inside the export.
    public func displayName(_ file: String) -> String {
        Self.displayName(file, root: root, path: path, unzipped: temporary != nil)
    }

    static func displayName(_ file: String, root: String, path: String, unzipped: Bool) -> String {
        let inside = file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
        return unzipped ? "\(path):\(inside)" : (path as NSString).appendingPathComponent(inside)
    }

    /// One day file's messages.
    public static func decodeDay(_ data: Data) throws -> [SlackMessage] {
        try JSONDecoder().decode([SlackMessage].self, from: data)
    }

    static func read<T>(_ file: String, name: String, _ decode: (Data) throws -> T) throws -> T {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw IngestError(file: file, message: "missing or unreadable; a Slack export has \(name) at its top")
        }
        do {
            return try decode(data)
        } catch {
            throw IngestError(file: file, message: JSONProblem.describe(error, in: data))
        }
    }

    /// The folder holding channels.json: the export itself, or its one subfolder (zips made by hand).
    static func exportRoot(_ folder: String, named name: String) throws -> String {
        if FileManager.default.fileExists(atPath: folder + "/channels.json") { return folder }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if entries.count == 1, FileManager.default.fileExists(atPath: folder + "/" + entries[0] + "/channels.json") {
            return folder + "/" + entries[0]
        }
        throw IngestError(file: name, message: "not a Slack export: no channels.json at its top")
    }

    static func unzip(_ zip: String) throws -> String {
        let folder = NSTemporaryDirectory() + "baton-slack-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        // -qq quiet, -o no prompts: unzip must never wait for an answer.
        process.arguments = ["-qq", "-o", zip, "-d", folder]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw IngestError(file: zip, message: "cannot run /usr/bin/unzip to read the archive (\(error)); install unzip or unpack it and pass the folder")
        }
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // unzip exits 1 for warnings it recovered from; 2 and up mean the archive is damaged.
        if process.terminationStatus > 1 {
            try? FileManager.default.removeItem(atPath: folder)
            // unzip names the archive in brackets first, then says what is wrong.
            let said = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("[") }
            let line = said.first ?? "exit \(process.terminationStatus)"
            // unzip's first sentence says it; the rest wraps onto lines about multi-part archives.
            let reason = line.range(of: ". ").map { String(line[..<$0.lowerBound]) + "." } ?? line
            throw IngestError(file: zip, message: "not a readable zip archive (truncated or damaged?): unzip says: \(reason)")
        }
        return folder
    }
}
