import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Exports written by someone hostile: links and channel names that point at the engineer's
/// own files, links inside a zip, a zip bomb, and a temporary folder the import cannot use.
final class SlackExportConfinementTests: IngestTestCase {
    func importExport(_ path: String) throws -> IngestReport {
        try SlackExportImport.run(try SlackExport(path: path), roster: roster, store: store, actor: "test", now: now)
    }

    /// A copy of the fixture export at folder/export, and a private day file of the engineer's
    /// own beside it (folder/private.json), which no import may read.
    func hostileExport() throws -> (export: String, secret: String) {
        let export = folder + "/export"
        try FileManager.default.copyItem(atPath: Self.fixture("slack-export"), toPath: export)
        let secret = folder + "/private.json"
        try #"[{"type":"message","user":"U0CUST01","text":"PRIVATE notes of the engineer","ts":"1795700300.000100"}]"#
            .write(toFile: secret, atomically: true, encoding: .utf8)
        return (export, secret)
    }

    func storedBodies() throws -> [String] {
        try conversations().flatMap(\.messages).map(\.body)
    }

    func testASymlinkedDayFileIsRefusedAndNamed() throws {
        let (export, secret) = try hostileExport()
        let link = export + "/acme-support/2026-11-22.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
        let report = try importExport(export)
        XCTAssertTrue(report.problems.contains("\(link): 2026-11-22.json is a symbolic link; refused: an import reads only files inside the export"),
                      "\(report.problems)")
        XCTAssertTrue(report.leftSomethingOut, "exit 65")
        XCTAssertEqual(report.messagesAdded, 9, "the rest of the export still lands")
        XCTAssertFalse(try storedBodies().contains { $0.contains("PRIVATE") }, "nothing from outside the export")
    }

    func testASymlinkedChannelFolderIsRefusedAndNamed() throws {
        let (export, secret) = try hostileExport()
        let outside = folder + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: secret, toPath: outside + "/2026-11-20.json")
        try FileManager.default.removeItem(atPath: export + "/acme-support")
        try FileManager.default.createSymbolicLink(atPath: export + "/acme-support", withDestinationPath: outside)
        let report = try importExport(export)
        XCTAssertTrue(report.problems.contains { $0.hasPrefix(export + "/acme-support: acme-support is a symbolic link; refused") }, "\(report.problems)")
        XCTAssertTrue(report.leftSomethingOut)
        XCTAssertFalse(try storedBodies().contains { $0.contains("PRIVATE") })
    }

    func testAChannelNamedDotDotIsRefusedAndNamed() throws {
        let (export, secret) = try hostileExport()
        // ../private is folder/private, outside the export: Globex claims the channel by id.
        try FileManager.default.createDirectory(atPath: folder + "/private", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: secret, toPath: folder + "/private/2026-11-20.json")
        try #"[{"id":"C0ACME001","name":"acme-support"},{"id":"C0GLOBEX1","name":"../private"}]"#
            .write(toFile: export + "/channels.json", atomically: true, encoding: .utf8)
        let report = try importExport(export)
        XCTAssertTrue(report.problems.contains("\(export)/channels.json: channel C0GLOBEX1 is named \"../private\", which is no folder name inside the export; refused"),
                      "\(report.problems)")
        XCTAssertTrue(report.leftSomethingOut)
        XCTAssertFalse(try storedBodies().contains { $0.contains("PRIVATE") })
    }

    func testASymlinkInsideAZipIsRefusedAndNamed() throws {
        let (export, secret) = try hostileExport()
        try FileManager.default.createSymbolicLink(atPath: export + "/acme-support/2026-11-22.json", withDestinationPath: secret)
        let zip = folder + "/export.zip"
        // -y stores the link as a link, as a hostile export would carry it.
        try run("/usr/bin/zip", ["-qry", zip, "."], in: export)
        let report = try importExport(zip)
        XCTAssertTrue(report.problems.contains("\(zip):acme-support/2026-11-22.json: a symbolic link; refused: an import reads only files inside the export"),
                      "\(report.problems)")
        XCTAssertEqual(report.messagesAdded, 9)
        XCTAssertFalse(try storedBodies().contains { $0.contains("PRIVATE") })
    }

    func testAZipBombIsRefusedBeforeItIsUnpackedNamingTheEntry() throws {
        let (export, _) = try hostileExport()
        let zip = folder + "/export.zip"
        try run("/usr/bin/zip", ["-qr", zip, "."], in: export)
        // One entry of 1 GiB and a byte of zeros: about a megabyte zipped.
        try run("/bin/sh", ["-c", "head -c 1073741825 /dev/zero | zip -q \(zip) - && printf '@ -\\n@=acme-support/2026-11-22.json\\n' | zipnote -w \(zip)"], in: folder)
        let size = try FileManager.default.attributesOfItem(atPath: zip)[.size] as! Int
        XCTAssertLessThan(size, 2_000_000, "a bomb: small zipped")
        let started = Date()
        XCTAssertThrowsError(try SlackExport(path: zip)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("\(zip):acme-support/2026-11-22.json: unpacking the archive up to this entry comes to "), message)
            XCTAssertTrue(message.contains("past the import's cap of 1073741824 bytes (1024 MiB); refused (a zip bomb?)"), message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused from the archive's directory, not by unpacking it")
        XCTAssertEqual(try store.messageCount(), 0)
    }

    func testAZipThatLiesAboutItsSizeIsStoppedAtTheSizeItDeclares() throws {
        let (export, _) = try hostileExport()
        let zip = folder + "/export.zip"
        // A day file of 200,000 spaces in brackets: valid JSON, that the zip then claims is 20 bytes.
        try ("[" + String(repeating: " ", count: 200_000) + "]").write(toFile: export + "/acme-support/2026-11-22.json", atomically: true, encoding: .utf8)
        try run("/usr/bin/zip", ["-qr", zip, "."], in: export)
        var data = try Data(contentsOf: URL(fileURLWithPath: zip))
        try patchSizes(&data, entry: "acme-support/2026-11-22.json", to: 20)
        try data.write(to: URL(fileURLWithPath: zip))
        let report = try importExport(zip)
        XCTAssertTrue(report.problems.contains { $0.hasPrefix("\(zip):acme-support/2026-11-22.json: inflates past the 20 bytes the archive says it holds") },
                      "\(report.problems)")
        XCTAssertEqual(report.messagesAdded, 9)
    }

    func testAZipIsReadWithoutATemporaryFolder() throws {
        let zip = folder + "/export.zip"
        try run("/usr/bin/zip", ["-qr", zip, "."], in: Self.fixture("slack-export"))
        // A temporary "folder" that is a file: nothing can be made in it (as when /tmp is full).
        let blocked = folder + "/not-a-folder"
        FileManager.default.createFile(atPath: blocked, contents: Data())
        let saved = ProcessInfo.processInfo.environment["TMPDIR"]
        setenv("TMPDIR", blocked, 1)
        defer { if let saved { setenv("TMPDIR", saved, 1) } else { unsetenv("TMPDIR") } }
        XCTAssertEqual(try importExport(zip).messagesAdded, 9, "nothing unpacked anywhere, so nothing to fail")
    }

    func testFoldersThatEarlierVersionsUnpackedIntoTheTemporaryFolderAreRemoved() throws {
        let stale = NSTemporaryDirectory() + "baton-slack-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: stale + "/acme-support", withIntermediateDirectories: true)
        try "[]".write(toFile: stale + "/acme-support/2026-11-20.json", atomically: true, encoding: .utf8)
        let zip = folder + "/export.zip"
        try run("/usr/bin/zip", ["-qr", zip, "."], in: Self.fixture("slack-export"))
        _ = try importExport(zip)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale), "customer data left in /tmp by a crash of an earlier version")
    }

    /// Sets the uncompressed size of `entry` in both its local header and the central directory.
    func patchSizes(_ data: inout Data, entry: String, to size: UInt32) throws {
        let name = Array(entry.utf8)
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func put32(_ at: Int, _ value: UInt32) { for k in 0..<4 { data[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xff) } }
        var patched = 0
        var index = 0
        while index + 46 < bytes.count {
            if bytes[index..<index + 4] == [0x50, 0x4b, 0x03, 0x04], Array(bytes[(index + 30)..<(index + 30 + min(name.count, u16(index + 26)))]) == name,
               u16(index + 26) == name.count {
                put32(index + 22, size)
                patched += 1
            }
            if bytes[index..<index + 4] == [0x50, 0x4b, 0x01, 0x02], u16(index + 28) == name.count, Array(bytes[(index + 46)..<(index + 46 + name.count)]) == name {
                put32(index + 24, size)
                patched += 1
            }
            index += 1
        }
        XCTAssertEqual(patched, 2, "the local header and the central directory entry")
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], in directory: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(executable) \(arguments)")
        return process.terminationStatus
    }
}
