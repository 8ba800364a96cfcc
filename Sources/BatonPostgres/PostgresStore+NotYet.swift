/// What the PostgreSQL store does not do yet (issue 16 stays open for them): attachments
/// (`keepAttachments` with files and `attachmentData` refuse with `StoreError.unsupported`
/// naming the operation, so nothing silently succeeds) and `baton store copy`.
extension PostgresStore {
    static let backendName = "the PostgreSQL store"
}
