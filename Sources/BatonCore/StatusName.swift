import Foundation

extension ConversationStatus {
    /// Reads a status as people type it: "on_hold", "on-hold", "on hold", "hold", "Pending".
    public init?(name: String) {
        let key = name.lowercased().trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if key == "hold" { self = .onHold; return }
        self.init(rawValue: key)
    }

    /// "on hold" rather than "on_hold".
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
