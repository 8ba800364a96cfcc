import BatonCore
import BatonStore
import Foundation

/// Runs an action command: checks the ids before touching the store, acts as the caller's
/// roster entry, and turns what can go wrong into one line and an exit status scripts
/// can tell apart (2 bad input, 3 someone else got there first, 4 not on the roster).
enum ActionRun {
    typealias Body = (Context, Engineer, Int64) throws -> ActionResult

    static func one(_ id: String, options: GlobalOptions, json: Bool, _ body: Body) throws {
        try reportingFailures {
            let number = try ConversationNumber.parse(id)
            let context = try Context.load(options)
            let me = try context.actor()
            let result = try mapped(number, context: context) { try body(context, me, number) }
            print(json ? try JSONOutput.encode(ActionJSON(result: result)) : text(result, me: me))
        }
    }

    /// Several ids, each its own transaction: one lost to someone else does not stop the rest.
    static func many(_ ids: [String], options: GlobalOptions, json: Bool, _ body: Body) throws {
        try reportingFailures {
            let numbers = try ids.map(ConversationNumber.parse)
            guard !numbers.isEmpty else { throw Failure(description: "no conversation id given", exitCode: ExitStatus.usage) }
            let context = try Context.load(options)
            let me = try context.actor()
            var worst: Int32 = 0
            var objects: [ActionJSON] = []
            for number in numbers {
                do {
                    let result = try mapped(number, context: context) { try body(context, me, number) }
                    if json { objects.append(ActionJSON(result: result)) } else { print(text(result, me: me)) }
                } catch let failure as Failure {
                    worst = max(worst, failure.exitCode)
                    if json { objects.append(ActionJSON(id: number, error: failure.description)) }
                    FileHandle.standardError.write(Data("baton: \(TerminalText.line(failure.description))\n".utf8))
                }
            }
            if json { print(try JSONOutput.encode(objects)) }
            if worst != 0 { throw ExitCodeOnly(code: worst) }
        }
    }

    /// The store's refusals in words, with the status that goes with each.
    static func mapped<T>(_ id: Int64, context: Context, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.notFound {
            throw Failure(description: "no conversation \(id) in \(context.store.location)", exitCode: ExitStatus.usage)
        } catch StoreError.unknownEngineer(let name) {
            throw Failure(description: "no engineer \"\(name)\" on the roster in \(context.configPath); engineers: "
                          + context.team.engineers.map(\.id).joined(separator: ", "), exitCode: ExitStatus.usage)
        } catch let conflict as ActionConflict {
            throw Failure(description: "#\(id): " + conflict.text(now: Clock.now()), exitCode: ExitStatus.conflict)
        }
    }

    /// "#12 claim: — → ana", or what made it nothing to do.
    static func text(_ result: ActionResult, me: Engineer) -> String {
        guard let event = result.event else { return result.unchangedText }
        return ConversationText.safe("#\(result.row.id) \(event.kind): \(event.detail)")
    }
}

/// An exit status whose message was already printed.
struct ExitCodeOnly: Error { var code: Int32 }

extension Context {
    /// The conversation an id names, or the one-line usage error for a bad or unknown id.
    func conversation(_ id: String) throws -> ConversationDetail {
        let number = try ConversationNumber.parse(id)
        return try ActionRun.mapped(number, context: self) { try store.conversation(number) }
    }
}

enum ConversationNumber {
    static func parse(_ text: String) throws -> Int64 {
        guard let number = Int64(text), number > 0 else {
            throw Failure(description: "\"\(text)\" is not a conversation id; ids are whole numbers, as `baton conv list` shows", exitCode: ExitStatus.usage)
        }
        return number
    }
}

/// An action's result for scripts: the conversation after it, and the event it recorded.
struct ActionJSON: Encodable {
    var id: Int64
    var result: ActionResult?
    var error: String?

    init(result: ActionResult) { id = result.row.id; self.result = result }
    init(id: Int64, error: String) { self.id = id; self.error = error }

    enum Keys: String, CodingKey { case id, ok, changed, conversation, event, error }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(error == nil, forKey: .ok)
        if let result {
            try container.encode(result.event != nil, forKey: .changed)
            try container.encode(ConversationJSON(row: result.row), forKey: .conversation)
            try container.encode(result.event.map(EventJSON.init), forKey: .event)
        }
        if let error { try container.encode(error, forKey: .error) }
    }
}
