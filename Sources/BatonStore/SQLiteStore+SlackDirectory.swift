import Foundation
import GRDB

/// What baton knows of a Slack workspace's channels and people, from exports
/// (channels.json, users.json) and events: the Events API sends only ids, and the config
/// names channels by name (`slack_channel = "ext-acme"`).
public struct StoredSlackUser: Equatable, Sendable {
    public var id: String
    public var name: String
    public var email: String?
    public var isBot: Bool

    public init(id: String, name: String, email: String?, isBot: Bool) {
        self.id = id
        self.name = name
        self.email = email
        self.isBot = isBot
    }
}

extension SQLiteIntakeWriter {
    /// Notes channels' ids and names (a rename replaces the name).
    public func rememberSlackChannels(_ channels: [(id: String, name: String)]) throws {
        for channel in channels {
            try db.cachedStatement(sql: """
                INSERT INTO slack_channels (id, name, seen_at) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at WHERE name IS NOT excluded.name
                """).execute(arguments: [channel.id, channel.name, SQLiteStore.seconds(now)])
        }
    }

    /// Notes users' names, addresses and whether they are bots.
    public func rememberSlackUsers(_ users: [StoredSlackUser]) throws {
        for user in users {
            try db.cachedStatement(sql: """
                INSERT INTO slack_users (id, name, email, is_bot) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = coalesce(excluded.email, email), is_bot = excluded.is_bot
                """).execute(arguments: [user.id, user.name, user.email, user.isBot])
        }
    }
}

extension SQLiteStore {
    /// Every channel and user remembered, for the events receiver.
    public func slackDirectory() throws -> (channels: [(id: String, name: String)], users: [StoredSlackUser]) {
        try read { db in
            let channels = try Row.fetchAll(db, sql: "SELECT id, name FROM slack_channels ORDER BY id").map { (id: $0["id"] as String, name: $0["name"] as String) }
            let users = try Row.fetchAll(db, sql: "SELECT id, name, email, is_bot FROM slack_users ORDER BY id").map {
                StoredSlackUser(id: $0["id"], name: $0["name"], email: $0["email"], isBot: $0["is_bot"])
            }
            return (channels, users)
        }
    }

    /// A number that changes when the remembered directory does, so a receiver reloads it only then.
    public func slackDirectoryVersion() throws -> Int64 {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT (SELECT count(*) FROM slack_users) * 1000003 + (SELECT ifnull(max(seen_at), 0) + count(*) FROM slack_channels)") ?? 0
        }
    }
}
