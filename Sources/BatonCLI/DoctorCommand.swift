import ArgumentParser
import BatonConfig
import BatonCore
import BatonStore
import Foundation

/// `baton doctor`: is the store safe on a shared box? Read-only.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report the owner, group and mode of the store's files, the spool and the secret files, and the commands that fix them.",
        discussion: """
            Read-only: it changes nothing. Exits 0 when nothing needs fixing, 1 otherwise. The team's \
            group is --group, else the store folder's when that folder is setgid (as baton init makes it).
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The store's path (else the config's `store`).") var store: String?
    @Option(help: "The Unix group whose members share the store.") var group: String?
    @Option(help: "The Slack signing secret file that baton serve reads (checked: owned by --serve-user, mode 600).")
    var signingSecretFile: [String] = []
    @Option(help: "The user who runs baton serve (else you).") var serveUser: String?

    func run() throws {
        try reportingFailures {
            let path = try InitCommand.storePath(store, config: options.config)
            var gid: gid_t?
            if let group {
                guard let entry = getgrnam(group) else { throw Failure(description: "no Unix group \"\(group)\"", exitCode: ExitStatus.usage) }
                gid = entry.pointee.gr_gid
            }
            var owner = getuid()
            if let serveUser {
                guard let entry = getpwnam(serveUser) else { throw Failure(description: "no Unix user \"\(serveUser)\"", exitCode: ExitStatus.usage) }
                owner = entry.pointee.pw_uid
            }
            let findings = StoreInspection.inspect(store: path, group: gid, secretFiles: signingSecretFile, secretOwner: owner)
            print(Self.text(findings), terminator: "")
            if findings.contains(where: { !$0.problems.isEmpty }) { throw ExitCode(1) }
        }
    }

    static func text(_ findings: [StoreInspection.Finding]) -> String {
        // A file name can hold escape sequences like any other text from outside.
        let safe = findings.map { TerminalText.glyphs($0.path).map(\.text).joined() }
        let width = safe.map(\.count).max() ?? 0
        var lines: [String] = []
        for (finding, path) in zip(findings, safe) {
            let facts = finding.kind == "missing" ? "missing" : "\(finding.owner):\(finding.group) \(finding.mode) \(finding.kind)"
            let status = finding.problems.isEmpty ? "ok" : "FIX"
            lines.append("\(status.padding(toLength: 4, withPad: " ", startingAt: 0))\(path.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(facts)")
            for problem in finding.problems { lines.append("      \(problem)") }
        }
        let fixes = findings.flatMap(\.fixes)
        if fixes.isEmpty {
            lines.append("nothing to fix")
        } else {
            lines.append("to fix, run:")
            lines += fixes.map { "    " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
