/// The name this backend gives itself in `StoreError.unsupported`, for an operation it
/// refuses by name rather than silently doing nothing. Alerts, metrics, owner-change fields
/// and attachments (their bytes in the database) are kept here as on SQLite.
extension PostgresStore {
    static let backendName = "the PostgreSQL store"
}
