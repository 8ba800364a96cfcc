import Foundation

/// A Slack workspace's people and channels: names for ids, and who is a bot or has a
/// team address.
public struct SlackDirectory: Sendable {
    public struct User: Equatable, Sendable {
        public var id: String
        public var name: String
        public var email: String?
        public var isBot: Bool
    }

    public struct Channel: Equatable, Sendable {
        public var id: String
        public var name: String
    }

    public var users: [String: User]
    public var channels: [Channel]

    public init(users: [User] = [], channels: [Channel] = []) {
        self.users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.channels = channels
    }

    public func userName(_ id: String) -> String? { users[id]?.name }
    public func channelName(_ id: String) -> String? { channels.first { $0.id == id }?.name }

    /// users.json: the display name if set, else the real name, else the handle.
    public static func decodeUsers(_ data: Data) throws -> [User] {
        try JSONDecoder().decode([LenientUser].self, from: data).compactMap { user in
            guard let id = user.strings.values["id"] ?? nil else { return nil }
            let names = [user.profile?.values["display_name"], user.profile?.values["real_name"],
                         user.strings.values["real_name"], user.strings.values["name"]]
            let name = names.compactMap { $0 ?? nil }.first { !$0.isEmpty } ?? id
            return User(id: id, name: name, email: (user.profile?.values["email"] ?? nil), isBot: user.isBot)
        }
    }

    /// channels.json (and groups.json, for private channels): ids and names.
    public static func decodeChannels(_ data: Data) throws -> [Channel] {
        try JSONDecoder().decode([LenientStrings].self, from: data).compactMap { channel in
            guard let id = channel.values["id"] ?? nil, let name = channel.values["name"] ?? nil else { return nil }
            return Channel(id: id, name: name)
        }
    }

    private struct LenientUser: Decodable {
        var strings: LenientStrings
        var profile: LenientStrings?
        var isBot: Bool

        enum Keys: String, CodingKey { case profile, is_bot }

        init(from decoder: any Decoder) throws {
            strings = try LenientStrings(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            profile = (try? c.decodeIfPresent(LenientStrings.self, forKey: .profile)) ?? nil
            isBot = ((try? c.decodeIfPresent(Bool.self, forKey: .is_bot)) ?? nil) ?? false
        }
    }
}
