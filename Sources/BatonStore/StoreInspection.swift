import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `baton doctor`: the store's files as the file system has them (owner, group, mode),
/// what is wrong with each, and the command that fixes it. Read-only: it looks with
/// lstat and never opens, creates or changes anything.
public enum StoreInspection {
    public struct Finding: Equatable, Sendable {
        public var path: String
        /// "folder", "file", "link", "missing", …
        public var kind: String
        public var owner: String
        public var group: String
        /// Octal permission bits ("2770", "0660"), empty when missing.
        public var mode: String
        public var problems: [String]
        /// Shell commands that fix the problems, in order.
        public var fixes: [String]
    }

    /// What to look at for the store at `store`: its folder, the store, its WAL and shm,
    /// the presence file (and its WAL and shm), the spool, and `secretFiles` (which only
    /// the user running `baton serve`, `secretOwner`, may read).
    /// - Parameter group: the team's group; nil takes the folder's when it is setgid.
    public static func inspect(store: String, group: gid_t?, secretFiles: [String], secretOwner: uid_t,
                               invoker: uid_t = StoreOwnership.invokingUser()) -> [Finding] {
        let folder = StoreFiles.folder(of: store)
        var folderInfo = stat()
        let folderThere = stat(folder, &folderInfo) == 0
        let team = group ?? (folderThere && folderInfo.st_mode & S_ISGID != 0 ? folderInfo.st_gid : nil)
        let trust = team.map { StoreOwnership(groupID: $0, invoker: invoker) }
        var findings = [look(folder, kind: S_IFDIR, wanted: 0o2770, team: team, trust: trust, required: true, follow: true)]
        findings.append(look(store, kind: S_IFREG, wanted: 0o660, team: team, trust: trust, required: true))
        for suffix in SharedStore.companions where suffix != "-journal" {
            findings.append(look(store + suffix, kind: S_IFREG, wanted: 0o660, team: team, trust: trust, required: false))
        }
        let spool = SQLiteStore.spoolPath(forStore: store)
        var spoolFinding = look(spool, kind: S_IFDIR, wanted: 0o2770, team: team, trust: trust, required: false)
        if spoolFinding.kind == "folder" {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
            let waiting = names.filter { $0.hasSuffix(".event") && !$0.hasPrefix(".") }.count
            let rejected = names.filter { $0.hasSuffix(".rejected") }.count
            spoolFinding.kind = "folder, \(waiting) event\(waiting == 1 ? "" : "s") waiting"
            if rejected > 0 {
                spoolFinding.problems.append("\(rejected) event\(rejected == 1 ? "" : "s") could not be stored and were set aside (NAME.rejected)")
                spoolFinding.fixes.append("ls \(StoreFiles.quoted(spool))/*.rejected   # read why in baton serve's stderr, then remove them")
            }
        }
        findings.append(spoolFinding)
        for secret in secretFiles { findings.append(lookAtSecret(secret, owner: secretOwner)) }
        return findings
    }

    static func look(_ path: String, kind: mode_t, wanted: mode_t, team: gid_t?, trust: StoreOwnership?, required: Bool,
                     follow: Bool = false) -> Finding {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else {
            return Finding(path: path, kind: "missing", owner: "", group: "", mode: "",
                           problems: required ? ["missing"] : [], fixes: required ? ["baton init --group GROUP --store \(StoreFiles.quoted(path))"] : [])
        }
        let quoted = StoreFiles.quoted(path)
        var finding = Finding(path: path, kind: describe(info.st_mode), owner: StoreOwnership.userName(info.st_uid),
                              group: StoreOwnership.groupName(info.st_gid), mode: String(format: "%04o", info.st_mode & 0o7777), problems: [], fixes: [])
        if info.st_mode & S_IFMT == S_IFLNK {
            finding.problems.append("a symbolic link in the store's place: baton refuses it (someone with write access to the folder may have put it there)")
            finding.fixes.append("rm \(quoted)   # then, if it was the store, restore it from a backup and run baton init again")
            return finding
        }
        guard info.st_mode & S_IFMT == kind else {
            finding.problems.append("not a \(kind == S_IFDIR ? "folder" : "plain file")")
            return finding
        }
        if kind == S_IFREG, info.st_nlink > 1 {
            finding.problems.append("\(info.st_nlink) names: a hard link to a file elsewhere?")
            finding.fixes.append("rm \(quoted)")
        }
        if info.st_mode & 0o007 != 0 {
            finding.problems.append("open to others (mode \(finding.mode)): anyone on the box can read customer data")
            finding.fixes.append("chmod o-rwx \(quoted)")
        }
        if let trust, let problem = trust.problem(owner: info.st_uid, group: info.st_gid) {
            finding.problems.append(problem)
            finding.fixes.append("chown root \(quoted)")
        }
        if let team, info.st_gid != team {
            finding.problems.append("group \(finding.group), not the team's \(StoreOwnership.groupName(team))")
            finding.fixes.append("chgrp \(StoreOwnership.groupName(team)) \(quoted)")
        }
        let teamBits = wanted & 0o2070
        if team != nil, info.st_mode & teamBits != teamBits {
            finding.problems.append(kind == S_IFDIR ? "the team cannot write it, or files made in it do not join the group (want mode \(String(wanted, radix: 8)))"
                                                    : "the team cannot read and write it (want mode \(String(wanted, radix: 8)))")
            finding.fixes.append("chmod \(kind == S_IFDIR ? "g+rwxs" : "g+rw") \(quoted)")
        }
        return finding
    }

    static func lookAtSecret(_ path: String, owner: uid_t) -> Finding {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return Finding(path: path, kind: "missing", owner: "", group: "", mode: "", problems: ["missing or unreadable"], fixes: [])
        }
        let quoted = StoreFiles.quoted(path)
        var finding = Finding(path: path, kind: "secret", owner: StoreOwnership.userName(info.st_uid),
                              group: StoreOwnership.groupName(info.st_gid), mode: String(format: "%04o", info.st_mode & 0o7777), problems: [], fixes: [])
        if info.st_uid != owner {
            finding.problems.append("belongs to \(finding.owner), not \(StoreOwnership.userName(owner)), who runs baton serve")
            finding.fixes.append("chown \(StoreOwnership.userName(owner)) \(quoted)")
        }
        if info.st_mode & 0o077 != 0 {
            finding.problems.append("readable or writable by others than its owner (mode \(finding.mode)): anyone who reads it can forge Slack events")
            finding.fixes.append("chmod 600 \(quoted)")
        }
        return finding
    }

    static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "folder"
        case S_IFREG: return "file"
        case S_IFLNK: return "link"
        default: return "other"
        }
    }
}
