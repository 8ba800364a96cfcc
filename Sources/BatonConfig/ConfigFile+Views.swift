import BatonCore

extension ConfigFile {
    /// `[[view]]`: `name` and `filter` required, `key` one character if given. Whether
    /// the key is free is the screen's to say (`Bindings.check`), since it owns the keys.
    static func readView(_ table: TableReader) throws -> SavedView {
        var table = table
        let name = try table.requiredString("name")
        let filter = try table.requiredString("filter")
        var key: Character?
        if let text = try table.string("key") {
            guard text.count == 1, let character = text.first, !character.isWhitespace else {
                throw table.error("key", "\"\(text)\" is not one key; write a single character such as \"7\"")
            }
            key = character
        }
        try table.rejectUnknownKeys()
        return SavedView(name: name, filter: filter, key: key)
    }
}
