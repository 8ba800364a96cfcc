import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton override`: swaps, holidays and cover, kept in the store with who made them.
struct OverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override", abstract: "Change the computed rotation: someone covers for someone else for a while.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an override: ENGINEER holds point in place of --replaces from --from to --to.",
            discussion: """
                Times without a zone are read in the time zone of the replaced engineer's region, the \
                calendar a holiday is planned in: `--from 2026-12-24 --to 2026-12-27` covers those local days.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The engineer who covers.") var engineer: String
        @Option(help: "The engineer replaced.") var replaces: String
        @Option(help: "Start: a date, a local date and time, or an RFC 3339 instant.") var from: String
        @Option(help: "End (exclusive), in the same forms.") var to: String
        @Option(help: "Why, for the record.") var reason: String = ""

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let team = context.team
                for (flag, id) in [("ENGINEER", engineer), ("--replaces", replaces)] {
                    guard !id.isEmpty else { throw Failure(description: "\(flag) is empty; name an engineer from \(context.configPath)", exitCode: 2) }
                    guard team.engineer(id) != nil else {
                        throw Failure(description: "\(flag) \"\(id)\": no [[engineer]] has that id in \(context.configPath)", exitCode: 2)
                    }
                }
                guard engineer != replaces else { throw Failure(description: "\(engineer) cannot cover for themself", exitCode: 2) }
                let zone = team.engineer(replaces).flatMap { team.region($0.region)?.timeZone } ?? .current
                guard let start = InstantText.parse(from, in: zone) else { throw badTime("--from", from) }
                guard let end = InstantText.parse(to, in: zone) else { throw badTime("--to", to) }
                guard end > start else {
                    throw Failure(description: "--to \(to) is not after --from \(from); an override must end after it starts", exitCode: 2)
                }
                let actor = try context.actor().id
                let override = Override(engineer: engineer, replaces: replaces, start: start, end: end, reason: reason)
                for warning in try warnings(for: override, context: context) {
                    FileHandle.standardError.write(Data("baton: note: \(warning)\n".utf8))
                }
                let id = try context.store.addOverride(override, actor: actor, at: Clock.now())
                print("override \(id): \(engineer) for \(replaces), \(CalendarText.dayAndTime(start, in: zone)) to \(CalendarText.dayAndTime(end, in: zone)) \(zone.identifier)")
            }
        }

        /// What the one adding an override would want to know: that it overlaps another for the
        /// same person (the later wins), or that it changes nothing (no shift of theirs then).
        func warnings(for override: Override, context: Context) throws -> [String] {
            var notes: [String] = []
            for other in try context.store.overrides(from: override.start, to: override.end) where other.replaces == override.replaces {
                notes.append("it overlaps override \(other.id ?? 0) (\(other.engineer) for \(other.replaces)); where they overlap, this newer one wins")
            }
            let before = try context.store.rotationWithOverrides(context.team.rotation)
            var after = before
            after.overrides.append(override)
            if before.shifts(from: override.start, to: override.end) == after.shifts(from: override.start, to: override.end) {
                notes.append("\(override.replaces) holds point at no time in that interval, so this override changes nothing")
            }
            return notes
        }

        func badTime(_ flag: String, _ value: String) -> Failure {
            Failure(description: "\(flag) \"\(value)\": expected 2026-12-24, 2026-12-24 09:00 or 2026-12-24T08:00:00Z", exitCode: 2)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List overrides that have not ended, and who made each (all, removed ones too, with --all).")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Include those that have ended or were removed.") var all = false
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let overrides = try context.store.overrides(from: all ? nil : Clock.now(), includingRemoved: all)
                if json {
                    print(try JSONOutput.encode(overrides.map(OverrideJSON.init)))
                    return
                }
                if overrides.isEmpty { print(all ? "no overrides" : "no current or future overrides") }
                for override in overrides {
                    let reason = override.reason.isEmpty ? "" : "  \(TerminalText.fit(override.reason, to: 40).trimmingCharacters(in: .whitespaces))"
                    var made = override.madeBy.map { "\tby \(TerminalText.fit($0, to: 32).trimmingCharacters(in: .whitespaces))" } ?? ""
                    if let madeAt = override.madeAt { made += " at \(CalendarText.rfc3339(madeAt))" }
                    var removed = ""
                    if let removedAt = override.removedAt {
                        removed = "\tremoved by \(TerminalText.fit(override.removedBy ?? "?", to: 32).trimmingCharacters(in: .whitespaces)) at \(CalendarText.rfc3339(removedAt))"
                    }
                    print("\(override.id ?? 0)\t\(override.engineer) for \(override.replaces)\t\(CalendarText.rfc3339(override.start)) – \(CalendarText.rfc3339(override.end))\(made)\(removed)\(reason)")
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an override by its id.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The override's id, from `baton override list`.") var id: String

        func run() throws {
            try reportingFailures {
                guard let number = Int64(id), number > 0 else { throw Failure(description: "\"\(id)\" is not an override id", exitCode: 2) }
                let context = try Context.load(options)
                do {
                    try context.store.removeOverride(id: number, actor: try context.actor().id, at: Clock.now())
                } catch StoreError.noOverride {
                    throw Failure(description: StoreError.noOverride(number).description, exitCode: 2)
                }
                print("override \(number) removed")
            }
        }
    }
}

struct OverrideJSON: Encodable {
    var override: Override
    enum Keys: String, CodingKey { case id, engineer, replaces, start, end, reason, made_by, made_at, removed_by, removed_at }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(override.id, forKey: .id)
        try container.encode(override.engineer, forKey: .engineer)
        try container.encode(override.replaces, forKey: .replaces)
        try container.encode(CalendarText.rfc3339(override.start), forKey: .start)
        try container.encode(CalendarText.rfc3339(override.end), forKey: .end)
        try container.encode(override.reason, forKey: .reason)
        try container.encode(override.madeBy, forKey: .made_by)
        try container.encode(override.madeAt.map(CalendarText.rfc3339), forKey: .made_at)
        try container.encode(override.removedBy, forKey: .removed_by)
        try container.encode(override.removedAt.map(CalendarText.rfc3339), forKey: .removed_at)
    }
}
