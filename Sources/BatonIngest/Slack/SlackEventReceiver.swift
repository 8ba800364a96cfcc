import BatonCore
import BatonStore
import Foundation

/// The Slack Events API, without the HTTP: a request's raw body and headers in, a status
/// and body out. Checks the signature first; answers url_verification with its challenge;
/// stores message events as the export import does, keyed by channel and ts, and notes
/// each event_id, so Slack's retries (X-Slack-Retry-Num) store nothing twice.
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
    let intake: SlackIntake
    let store: SQLiteStore
    let actor: String

    public init(secret: [UInt8], roster: Roster, store: SQLiteStore, actor: String) {
        self.secret = secret
        // Events carry ids, not names; a user the roster does not know shows as their id.
        self.intake = SlackIntake(roster: roster, directory: SlackDirectory())
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
            do {
                return try store(event, eventID: eventID, now: now)
            } catch {
                // Slack retries a failed delivery; the event id makes that safe.
                return Reply(status: 503, body: "cannot store the event now: \(error)\n")
            }
        default:
            return Reply(status: 200, body: "ignored\n")
        }
    }

    func store(_ event: SlackMessage, eventID: String, now: Date) throws -> Reply {
        guard event.type == "message", let channel = event.channel, let customer = intake.customer(channel: channel) else {
            return Reply(status: 200, body: "ignored\n")
        }
        let stored = try store.intake(actor: actor, at: now) { writer -> Bool in
            guard try writer.markSlackEvent(eventID) else { return false }
            _ = try intake.store([event], channel: channel, customer: customer, writer: writer)
            return true
        }
        return Reply(status: 200, body: stored ? "stored\n" : "already stored\n")
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
