import Foundation

extension SQLiteStore {
    /// The folder beside the store where `baton serve` keeps events it has answered but
    /// not yet stored (`STORE-spool`).
    public static func spoolPath(forStore path: String) -> String { path + "-spool" }

    /// Makes the spool folder when it is missing, like the presence file: in the store's
    /// folder (a setgid folder gives it the team's group), 0770. Refuses one that is a
    /// symbolic link or open to others.
    /// - Throws: `StoreError.cannotOpen` or `.openToOthers`, naming the folder.
    public static func prepareSpool(forStore path: String) throws -> String {
        let spool = spoolPath(forStore: path)
        try StoreFiles.prepareFolder(spool)
        return spool
    }
}
