import BatonIngest
import Dispatch
import Foundation
import Hummingbird

/// `baton serve`: Slack Events API requests over HTTP, handed to `SlackEventReceiver`.
public enum SlackServer {
    /// The path Slack's Event Subscriptions "Request URL" should end in.
    public static let path = "/slack/events"
    /// Events are small; anything larger is not from Slack.
    static let maximumBody = 1_048_576
    /// Slack gives up after 3 s and retries; answer before that whatever the store does.
    static let deadline: TimeInterval = 2.5

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
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "baton"),
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) })
        try await app.runService()
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
