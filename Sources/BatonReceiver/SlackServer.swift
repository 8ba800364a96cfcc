import BatonIngest
import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// `baton serve`: Slack Events API requests over HTTP, handed to `SlackEventReceiver`.
public enum SlackServer {
    /// The path Slack's Event Subscriptions "Request URL" should end in.
    public static let path = "/slack/events"
    /// Events are small; anything larger is not from Slack.
    static let maximumBody = 1_048_576
    /// Slack gives up after 3 s and retries; answer before that whatever the store does.
    static let deadline: TimeInterval = 2.5
    /// A request's head and body must arrive within this, from the connection opening or
    /// the previous answer; Slack (or the TLS proxy in front) sends them in milliseconds.
    static let requestDeadline: TimeAmount = .seconds(5)
    /// Open connections at most. Beyond it, new ones wait in the listen backlog until one
    /// closes (each closes within `requestDeadline` unless it is being answered). Well
    /// above what a slow-connection flood of a thousand needs, well below the descriptors
    /// `run` makes sure of.
    static let maximumConnections = 4_096

    /// Runs until the process ends. `onListening` gets the port once the socket is bound.
    public static func run(host: String, port: Int, receiver: SlackEventReceiver, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        router.post(RouterPath(stringLiteral: path)) { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: maximumBody)
            let body = Array(buffer.readableBytesView)
            let headers = request.headers
            let reply = await withDeadline(deadline) {
                receiver.handle(body: body, header: { name in headers.first { $0.name.canonicalName == name.lowercased() }?.value }, now: Date())
            } ?? SlackEventReceiver.Reply(status: 503, body: "the store is busy; retry\n")
            return Response(status: HTTPResponse.Status(code: reply.status),
                            headers: [.contentType: reply.contentType],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        }
        router.get("/health") { _, _ -> HTTPResponse.Status in .ok }
        raiseDescriptorLimit(to: rlim_t(maximumConnections) + 256)
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "baton", backlog: 1_024,
                                                     availableConnectionsDelegate: MaximumAvailableConnections(maximumConnections))
        let app = Application(router: router,
                              server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadlineHandler(deadline: requestDeadline)])),
                              configuration: configuration,
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) })
        try await app.runService()
    }

    /// Enough descriptors for the connection cap plus the store's files: the soft limit
    /// goes up to `wanted` when the hard limit allows, so the cap, not EMFILE, decides.
    static func raiseDescriptorLimit(to wanted: rlim_t) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Runs blocking store work on its own thread and waits at most `seconds` for it. Work
    /// that overruns still finishes (its transaction commits or rolls back whole); the
    /// caller has answered by then, and Slack's retry finds the event stored.
    static func withDeadline<T: Sendable>(_ seconds: TimeInterval, _ work: @escaping @Sendable () -> T) async -> T? {
        let once = Once()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let value = work()
                if once.claim() { continuation.resume(returning: value) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if once.claim() { continuation.resume(returning: nil) }
            }
        }
    }
}

/// Lets exactly one of two racing callers resume a continuation.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
