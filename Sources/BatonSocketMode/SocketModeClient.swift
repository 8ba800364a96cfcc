import BatonCore
import BatonIngest
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `baton serve --socket-mode` (issue 13 item 7): Slack's events without a public address.
/// Slack's Socket Mode contract: POST `apps.connections.open` with the app-level token
/// (`xapp-...`) for a one-time `wss://` URL; open a WebSocket to it (TLS through
/// swift-nio-ssl); Slack says `hello`, then sends envelopes, each to be acknowledged with
/// `{"envelope_id": ...}` within 3 s or it is sent again; `disconnect` says it will close
/// the link and wants a new one.
///
/// Each `events_api` envelope's payload goes to the receiver's durable spool (fsynced,
/// `EventSpool`) BEFORE it is acknowledged, and is stored from there as the HTTP receiver
/// stores it; an event Slack sends twice (an acknowledgement lost with a dropped link)
/// is stored once, by its event id. The link is opened again at once after a `disconnect`,
/// and after a drop or a failure to open with backoff (`SocketModeBackoff`).
public final class SocketModeClient: Sendable {
    /// Slack's Web API base, `[slack] api_url` (a test points it at a local server).
    public let apiURL: String
    let token: String
    let receiver: SlackEventReceiver
    let log: @Sendable (String) -> Void
    let backoff: SocketModeBackoff
    let tls: TLSConfiguration
    /// How often a ping checks the link: one that died without a close (a NAT forgetting
    /// it, a cable) is noticed within about this, and opened again.
    let pingInterval: Duration
    let session: URLSession

    /// The largest message taken: events are small; the HTTP receiver takes 1 MiB too.
    static let maximumMessage = 1 << 20

    /// A failure to open the link: what `apps.connections.open` or the WebSocket said.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// How one link ended.
    public enum End: Equatable, Sendable {
        /// Slack sent `disconnect` with this reason.
        case disconnect(reason: String)
        /// The link closed or dropped without a `disconnect`; `hello` says whether it had come up.
        case dropped(hello: Bool)
    }

    /// - Parameters:
    ///   - apiURL: Slack's Web API base without a trailing slash (`https://slack.com/api`).
    ///   - appToken: the app-level token with `connections:write` (`SLACK_APP_TOKEN`).
    ///   - receiver: where envelopes' payloads go (with its spool, as `baton serve` makes it).
    ///   - log: one line per event worth a person's attention (connected, disconnect, failures).
    public init(apiURL: String, appToken: String, receiver: SlackEventReceiver, backoff: SocketModeBackoff = SocketModeBackoff(),
                pingInterval: Duration = .seconds(30), tls: TLSConfiguration = .makeClientConfiguration(),
                log: @escaping @Sendable (String) -> Void) {
        self.apiURL = apiURL
        token = appToken
        self.receiver = receiver
        self.backoff = backoff
        self.pingInterval = pingInterval
        self.tls = tls
        // What Slack and the network say is not trusted to reach a terminal raw.
        self.log = { line in log(TerminalText.line(line)) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    /// Opens links one after another until the task is cancelled; never throws: every
    /// failure is logged and waited out.
    public func run() async {
        var backoff = self.backoff
        while !Task.isCancelled {
            var wait: TimeInterval
            do {
                let url = try await openConnection()
                let end = try await link(url: url)
                switch end {
                case .disconnect(let reason) where reason == "link_disabled":
                    log("Socket Mode: Slack disabled the link (Socket Mode is off in the app's settings); trying again in \(Int(backoff.maximum)) s")
                    wait = backoff.maximum
                case .disconnect(let reason):
                    log("Socket Mode: Slack asked to reconnect (\(reason))")
                    backoff.connected()
                    wait = 0
                case .dropped(let hello):
                    if hello { backoff.connected() }
                    wait = backoff.failed()
                    log("Socket Mode: the link closed; opening another in \(Self.seconds(wait))")
                }
            } catch {
                wait = backoff.failed()
                log("Socket Mode: \(error); trying again in \(Self.seconds(wait))")
            }
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1_000))) }
        }
    }

    static func seconds(_ value: TimeInterval) -> String {
        value < 10 && value != value.rounded() ? String(format: "%.1f s", value) : "\(Int(value)) s"
    }

    /// `apps.connections.open`: a one-time WebSocket URL for the app-level token.
    /// - Throws: `Problem` with Slack's `error` (`invalid_auth`, `not_allowed_token_type` for
    ///   a bot token, ...), the HTTP status, or the network's failure.
    public func openConnection() async throws -> String {
        guard let endpoint = URL(string: apiURL + "/apps.connections.open") else { throw Problem("[slack] api_url \(apiURL) is no address") }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await fetch(request)
        guard (200..<300).contains(response.statusCode) else { throw Problem("apps.connections.open: HTTP \(response.statusCode)") }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem("apps.connections.open: the answer is not JSON")
        }
        guard object["ok"] as? Bool == true else {
            throw Problem("apps.connections.open: \(object["error"] as? String ?? "ok: false without an error")")
        }
        guard let url = object["url"] as? String, url.hasPrefix("wss://") || url.hasPrefix("ws://") else {
            throw Problem("apps.connections.open: no WebSocket url in the answer")
        }
        return url
    }

    func fetch(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: Problem("apps.connections.open: \(error.localizedDescription)"))
                } else if let response = response as? HTTPURLResponse {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: Problem("apps.connections.open: no answer"))
                }
            }.resume()
        }
    }

    /// One link: until Slack's `disconnect` (returned) or the link closes or drops.
    /// - Throws: the WebSocket client's error when the link cannot be opened or breaks.
    public func link(url: String) async throws -> End {
        let state = LinkState()
        var logger = Logger(label: "baton.socket-mode")
        logger.logLevel = .critical
        let configuration = WebSocketClientConfiguration(maxFrameSize: Self.maximumMessage, autoPing: .enabled(timePeriod: pingInterval))
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, tlsConfiguration: tls, logger: logger) { inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: Self.maximumMessage) {
                    guard case .text(let text) = message else { continue }
                    let parsed: SocketModeMessage
                    do {
                        parsed = try SocketModeMessage.parse(text)
                    } catch {
                        self.log("Socket Mode: \(error)")
                        continue
                    }
                    switch parsed {
                    case .hello(let connections):
                        state.hello = true
                        self.log("Socket Mode: connected" + (connections.map { " (\($0) link\($0 == 1 ? "" : "s") open)" } ?? ""))
                    case .disconnect(let reason):
                        state.disconnect = reason
                        return
                    case let .envelope(id, type, payload):
                        if self.keep(id: id, type: type, payload: payload) {
                            try await outbound.write(.text(SocketModeMessage.acknowledgement(id)))
                        }
                    case .other(let type):
                        self.log("Socket Mode: a message of type \(type), ignored")
                    }
                }
            }
        } catch {
            // A link that was up and then broke is a drop, told apart from one that never opened.
            guard state.hello || state.disconnect != nil else { throw Problem("the WebSocket to Slack: \(error)") }
        }
        return state.disconnect.map { .disconnect(reason: $0) } ?? .dropped(hello: state.hello)
    }

    /// Keeps an envelope's payload before it is acknowledged; false when it could not be
    /// kept (the spool's disk is full, say), so that Slack sends it again. Envelopes other
    /// than `events_api` (slash commands, buttons) are acknowledged and left: baton
    /// subscribes to events only.
    func keep(id: String, type: String, payload: [UInt8]?) -> Bool {
        guard type == "events_api" else {
            log("Socket Mode: a \(type) envelope, acknowledged and ignored")
            return true
        }
        guard let payload else {
            log("Socket Mode: envelope \(id) has no payload; acknowledged")
            return true
        }
        let reply = receiver.handle(verifiedBody: payload, now: Date())
        if reply.status == 503 {
            log("Socket Mode: envelope \(id) not kept (\(reply.body.trimmingCharacters(in: .whitespacesAndNewlines))); Slack sends it again")
            return false
        }
        if reply.status >= 400 { log("Socket Mode: envelope \(id): \(reply.body.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return true
    }
}

/// What one link saw, written by the WebSocket's handler and read once it has ended.
final class LinkState: @unchecked Sendable {
    private let lock = NSLock()
    private var _hello = false
    private var _disconnect: String?

    var hello: Bool {
        get { lock.withLock { _hello } }
        set { lock.withLock { _hello = newValue } }
    }

    var disconnect: String? {
        get { lock.withLock { _disconnect } }
        set { lock.withLock { _disconnect = newValue } }
    }
}
