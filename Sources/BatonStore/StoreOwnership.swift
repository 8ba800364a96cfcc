import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may own the files of a team's store, for `baton init --group` and `baton doctor`.
/// A file or folder that is already there is trusted when its owner is root or the
/// person running baton (under sudo, the one who ran sudo): nobody else controls it. One
/// owned by a member of the team's group must also be in that group (a member could have
/// made it honestly, by running baton). Anyone else's is refused: whoever owns a file can
/// change it under root's feet.
public struct StoreOwnership: Sendable {
    public var groupID: gid_t
    public var invoker: uid_t

    public init(groupID: gid_t, invoker: uid_t) {
        self.groupID = groupID
        self.invoker = invoker
    }

    /// The person running baton: under sudo, `SUDO_UID`, the one who ran it.
    public static func invokingUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> uid_t {
        let uid = getuid()
        if uid == 0, let sudo = environment["SUDO_UID"], let value = uid_t(sudo) { return value }
        return uid
    }

    /// What is wrong with an owner and group, or nil when they are to be trusted.
    public func problem(owner: uid_t, group: gid_t) -> String? {
        if owner == 0 || owner == invoker { return nil }
        guard Self.isMember(owner, of: groupID) else {
            let trusted = invoker == 0 ? "root" : "root, \(Self.userName(invoker))"
            return "belongs to \(Self.userName(owner)), who is neither \(trusted) nor a member of group \(Self.groupName(groupID))"
        }
        if group != groupID {
            return "belongs to group \(Self.groupName(group)), not \(Self.groupName(groupID))"
        }
        return nil
    }

    /// Refuses, by name, a descriptor that is not of `kind` (S_IFREG, S_IFDIR), has more
    /// than one name (a hard link to a file elsewhere), or has an owner not to be trusted.
    func vet(_ descriptor: Int32, _ path: String, kind: mode_t) throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw SharedStoreError(message: "cannot look at \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == kind else {
            throw SharedStoreError(message: "\(path) is not a \(kind == S_IFDIR ? "folder" : "plain file"); refused")
        }
        if kind == S_IFREG, info.st_nlink > 1 {
            throw SharedStoreError(message: "\(path) has \(info.st_nlink) names (a hard link to a file elsewhere?); refused: remove it, then run init again")
        }
        if let problem = problem(owner: info.st_uid, group: info.st_gid) {
            throw SharedStoreError(message: "\(path) \(problem); refused: whoever owns it can change it under root's feet. Remove it (or chown it), then run init again")
        }
    }

    public static func isMember(_ uid: uid_t, of gid: gid_t) -> Bool {
        guard let user = getpwuid(uid) else { return false }
        if user.pointee.pw_gid == gid { return true }
        let name = String(cString: user.pointee.pw_name)
        guard let group = getgrgid(gid), var member = group.pointee.gr_mem else { return false }
        while let pointer = member.pointee {
            if String(cString: pointer) == name { return true }
            member += 1
        }
        return false
    }

    public static func userName(_ uid: uid_t) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
    }

    public static func groupName(_ gid: gid_t) -> String {
        getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? "gid \(gid)"
    }
}
