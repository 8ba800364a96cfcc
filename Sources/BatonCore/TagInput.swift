/// Tags as people type them: `billing` or `+billing` adds, `-urgent` removes. A tag is a
/// lower-case word of letters, digits, '-' and '_'.
public enum TagInput {
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var word: String
        public var description: String {
            word.isEmpty ? "no tags given; write +tag or -tag" : "\"\(word)\" is not a tag; tags are words of letters, digits, - and _"
        }
    }

    public static func parse(_ words: [String]) throws -> (add: [String], remove: [String]) {
        var add: [String] = [], remove: [String] = []
        for word in words where !word.isEmpty {
            let removing = word.hasPrefix("-")
            let tag = String(word.drop { $0 == "+" || $0 == "-" }).lowercased()
            guard !tag.isEmpty, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw Invalid(word: word)
            }
            if removing { remove.append(tag) } else { add.append(tag) }
        }
        guard !add.isEmpty || !remove.isEmpty else { throw Invalid(word: "") }
        return (add, remove)
    }

    /// A line typed in the screen: words separated by spaces or commas.
    public static func parse(line: String) throws -> (add: [String], remove: [String]) {
        try parse(line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
    }
}
