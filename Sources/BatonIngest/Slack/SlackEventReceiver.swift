import BatonCore
import BatonStore
import Foundation

/// The Slack Events API, without the HTTP: a request's raw body and headers in, a status
/// and body out. Checks the signature first; answers url_verification with its challenge;
/// stores message events as the export import does, keyed by channel and ts, and notes
/// each event_id, so Slack's retries (X-Slack-Retry-Num) store nothing twice.
///
/// With a spool (as `baton serve` runs it), a verified event is written to the spool and
/// answered at once, and `startDraining` stores it from there: Slack's 3 s never wait on
/// the store, and what was answered is never lost.
public final class SlackEventReceiver: Sendable {
    public struct Reply: Equatable, Sendable {
        public var status: Int
        public var body: String
        public var contentType = "text/plain; charset=utf-8"

        public init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
    }

    let secret: [UInt8]
    let roster: Roster
    let store: StoreBackend
    let actor: String
    let spool: EventSpool?
    private let wakeup = Wakeup()
    private let cache = DirectoryCache()

    public init(secret: [UInt8], roster: Roster, store: StoreBackend, actor: String, spool: EventSpool? = nil) {
        self.spool = spool
        self.secret = secret
        // Events carry ids, not names: channels and users come from what exports and
        // events taught the store (`intake()`), else the event's own user_profile.
        self.roster = roster
        self.store = store
        self.actor = actor
    }

    /// `header` looks a request header up by name, without case.
    public func handle(body: [UInt8], header: (String) -> String?, now: Date) -> Reply {
        switch SlackSignature.verify(body: body, timestamp: header("X-Slack-Request-Timestamp"),
                                     signature: header("X-Slack-Signature"), secret: secret, now: now) {
        case .valid: break
        case .missingHeaders: return Reply(status: 401, body: "missing or malformed X-Slack-Signature or X-Slack-Request-Timestamp\n")
        case .stale: return Reply(status: 401, body: "request timestamp is more than 5 minutes away from now\n")
        case .mismatch: return Reply(status: 401, body: "signature does not match\n")
        }
        return handle(verifiedBody: body, now: now)
    }

    /// A body known to come from Slack without a signature: Socket Mode's `events_api`
    /// payload, which arrives over the WebSocket that the app-level token opened. The same
    /// answers as `handle(body:header:now:)` after its signature check; 503 means it was
    /// not kept (do not acknowledge it: Slack sends it again).
    public func handle(verifiedBody body: [UInt8], now: Date) -> Reply {
        let envelope: SlackEnvelope
        do {
            envelope = try JSONDecoder().decode(SlackEnvelope.self, from: Data(body))
        } catch {
            return Reply(status: 400, body: "the body is not a Slack event: \(JSONProblem.describe(error, in: Data(body)))\n")
        }
        switch envelope.type {
        case "url_verification":
            return Reply(status: 200, body: envelope.challenge ?? "")
        case "event_callback":
            guard let event = envelope.event, let eventID = envelope.eventID else {
                return Reply(status: 400, body: "event_callback without event or event_id\n")
            }
            if let spool {
                do {
                    try spool.put(body)
                } catch {
                    return Reply(status: 503, body: "cannot keep the event now: \(error)\n")
                }
                wakeup.signal()
                return Reply(status: 200, body: "queued\n")
            }
            do {
                return try store(event, eventID: eventID, raw: Data(body), now: now)
            } catch {
                // Slack retries a failed delivery; the event id makes that safe.
                return Reply(status: 503, body: "cannot store the event now: \(error)\n")
            }
        default:
            return Reply(status: 200, body: "ignored\n")
        }
    }

    /// The intake with the channels and users the store knows, reloaded when they change.
    func intake() throws -> SlackIntake {
        let version = try store.slackDirectoryVersion()
        return try cache.value(version: version) {
            let known = try store.slackDirectory()
            let directory = SlackDirectory(users: known.users.map { SlackDirectory.User(id: $0.id, name: $0.name, email: $0.email, isBot: $0.isBot) },
                                           channels: known.channels.map { SlackDirectory.Channel(id: $0.id, name: $0.name) })
            return SlackIntake(roster: roster, directory: directory)
        }
    }

    /// Stores one message event. Rendered and grouped before the write transaction opens
    /// (`prepare`), so the store is held only for the writes. A post in a channel no
    /// customer claims is kept in the quarantine (kind no-place), saying which config line
    /// would claim it; `raw` is the request body kept there.
    func store(_ event: SlackMessage, eventID: String, raw: Data, now: Date) throws -> Reply {
        guard event.type == "message", let channel = event.channel else {
            return Reply(status: 200, body: "ignored\n")
        }
        let intake = try intake()
        guard let customer = intake.customer(channel: channel) else {
            guard case .post = event.item else { return Reply(status: 200, body: "ignored\n") }
            let name = intake.directory.channelName(channel)
            let claim = "slack_channel = \"\(name ?? channel)\""
            let reason = "channel \(channel)" + (name.map { " (#\($0))" } ?? "") + " is claimed by no customer; the customer's line \(claim) would claim it"
            let kept = try store.intake(actor: actor, at: now) { writer -> Bool in
                guard try writer.markSlackEvent(eventID) else { return false }
                return try writer.quarantine(source: "slack-event", origin: "Slack event \(eventID)", reason: reason, raw: raw,
                                             digest: "slack-event:" + eventID, kind: .noPlace)
            }
            return Reply(status: 200, body: kept ? "kept in the quarantine: \(reason)\n" : "already stored\n")
        }
        let batch = intake.prepare([event], channel: channel, customer: customer)
        let stored = try store.intake(actor: actor, at: now) { writer -> Bool in
            guard try writer.markSlackEvent(eventID) else { return false }
            _ = try intake.store(batch, writer: writer)
            return true
        }
        return Reply(status: 200, body: stored ? "stored\n" : "already stored\n")
    }
}

/// The receiver's intake, kept while the store's Slack directory is unchanged.
final class DirectoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version: Int64?
    private var intake: SlackIntake?

    func value(version current: Int64, _ make: () throws -> SlackIntake) throws -> SlackIntake {
        lock.lock()
        defer { lock.unlock() }
        if let intake, version == current { return intake }
        let made = try make()
        intake = made
        version = current
        return made
    }
}

extension SlackEventReceiver {
    /// What one pass over the spool did.
    public struct Drained: Equatable, Sendable {
        public var stored = 0
        public var setAside = 0
        /// The store was busy (or its server away): the rest waits for the next pass.
        public var busy = false

        public init(stored: Int = 0, setAside: Int = 0, busy: Bool = false) {
            self.stored = stored
            self.setAside = setAside
            self.busy = busy
        }
    }

    /// Stores every spooled event, oldest first, removing each once its transaction has
    /// committed. Stops at the first busy store or server away (the event stays for the next pass); an
    /// event that cannot be stored for any other reason is set aside (`NAME.rejected`)
    /// and `report` says why.
    public func drainSpool(now: () -> Date = { Date() }, report: (String) -> Void) -> Drained {
        guard let spool else { return Drained() }
        var result = Drained()
        for name in spool.pending() {
            do {
                let data = try spool.read(name)
                let envelope = try JSONDecoder().decode(SlackEnvelope.self, from: data)
                guard let event = envelope.event, let eventID = envelope.eventID else { throw IngestError(file: name, message: "no event or event_id") }
                _ = try store(event, eventID: eventID, raw: data, now: now())
                spool.remove(name)
                result.stored += 1
            } catch let error as StoreError {
                // Busy, or the server away (issue 16): kept in the spool, stored when it answers.
                if error.isTransient {
                    result.busy = true
                    return result
                }
                report("\(spool.path)/\(name): cannot store the event: \(error); kept as \(name).rejected")
                spool.setAside(name)
                result.setAside += 1
            } catch {
                report("\(spool.path)/\(name): cannot store the event: \(error); kept as \(name).rejected")
                spool.setAside(name)
                result.setAside += 1
            }
        }
        return result
    }

    /// Drains the spool on a thread of its own: at once (what a previous run left), then
    /// whenever an event is spooled, and every `interval` seconds while the store was busy.
    /// `prepare` (the team's sync into the store) runs first, again after each failure, so
    /// a store held by another process when the server starts delays storing, not answering.
    public func startDraining(interval: TimeInterval = 0.5, prepare: @escaping @Sendable () throws -> Void = {},
                              report: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            while true {
                do {
                    try prepare()
                    break
                } catch {
                    report("cannot prepare the store yet (\(error)); events are kept in the spool meanwhile")
                    wakeup.wait(upTo: interval)
                }
            }
            while true {
                _ = drainSpool(report: report)
                wakeup.wait(upTo: interval)
            }
        }
        thread.start()
    }
}

/// Wakes the draining thread when an event is spooled.
final class Wakeup: @unchecked Sendable {
    private let condition = NSCondition()
    private var signalled = false

    func signal() {
        condition.lock()
        signalled = true
        condition.signal()
        condition.unlock()
    }

    func wait(upTo seconds: TimeInterval) {
        condition.lock()
        if !signalled { _ = condition.wait(until: Date().addingTimeInterval(seconds)) }
        signalled = false
        condition.unlock()
    }
}

/// The outer object of an Events API request.
struct SlackEnvelope: Decodable {
    var type: String
    var challenge: String?
    var eventID: String?
    var event: SlackMessage?

    enum CodingKeys: String, CodingKey {
        case type, challenge, event
        case eventID = "event_id"
    }
}
