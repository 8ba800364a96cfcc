import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// A local Slack that follows Socket Mode's contract, on loopback: `POST
/// /api/apps.connections.open` answers a `ws://` URL with a fresh ticket; a WebSocket to it
/// gets `hello`, then the envelopes of `script` for that link (the first link the first
/// script, and so on), each awaiting its acknowledgement; then `disconnect`, a close
/// without one (a drop), or nothing more until the client goes.
final class FakeSlack: @unchecked Sendable {
    enum Step: Sendable {
        /// An `events_api` envelope; the link waits for its acknowledgement.
        case envelope(id: String, payload: String, retry: Int)
        /// `{"type":"disconnect","reason":...}`, then the link waits for the client to close it.
        case disconnect(String)
        /// The server closes the link without a word.
        case drop
    }

    private let lock = NSLock()
    private var _port = 0
    private var _opens: [String] = []
    private var _links = 0
    private var _acks: [String] = []
    private var _spooledAtAck: [Int] = []
    let scripts: [[Step]]
    /// Called when an acknowledgement arrives: how many events the spool holds then.
    let spooled: @Sendable () -> Int
    let openAnswer: String?

    init(scripts: [[Step]], openAnswer: String? = nil, spooled: @escaping @Sendable () -> Int) {
        self.scripts = scripts
        self.openAnswer = openAnswer
        self.spooled = spooled
    }

    var port: Int { lock.withLock { _port } }
    /// The Authorization header of each `apps.connections.open`.
    var opens: [String] { lock.withLock { _opens } }
    var links: Int { lock.withLock { _links } }
    var acks: [String] { lock.withLock { _acks } }
    var spooledAtAck: [Int] { lock.withLock { _spooledAtAck } }

    /// Runs the server until the task is cancelled; `port` is set once it listens.
    func run() async throws {
        let router = Router()
        router.post("/api/apps.connections.open") { request, _ -> Response in
            let ticket = self.lock.withLock { () -> Int in
                self._opens.append(request.headers[.authorization] ?? "")
                return self._opens.count
            }
            let body = self.openAnswer ?? #"{"ok":true,"url":"ws://127.0.0.1:\#(self.port)/link/?ticket=t\#(ticket)&app_id=A0TEST"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade { request, _, _ in
                guard request.path?.hasPrefix("/link/?ticket=") == true else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    let link = self.lock.withLock { () -> Int in
                        self._links += 1
                        return self._links
                    }
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"type":"hello","num_connections":1,"debug_info":{"host":"fake"},"connection_info":{"app_id":"A0TEST"}}"#))
                    for step in link <= self.scripts.count ? self.scripts[link - 1] : [] {
                        switch step {
                        case let .envelope(id, payload, retry):
                            try await outbound.write(.text("""
                                {"envelope_id":"\(id)","payload":\(payload),"type":"events_api","accepts_response_payload":false,"retry_attempt":\(retry),"retry_reason":"\(retry > 0 ? "timeout" : "")"}
                                """))
                            guard case .text(let text) = try await messages.next(),
                                  let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                                  let acknowledged = object["envelope_id"] as? String else { return }
                            let count = self.spooled()
                            self.lock.withLock {
                                self._acks.append(acknowledged)
                                self._spooledAtAck.append(count)
                            }
                        case .disconnect(let reason):
                            try await outbound.write(.text(#"{"type":"disconnect","reason":"\#(reason)","debug_info":{"host":"fake"}}"#))
                        case .drop:
                            return
                        }
                    }
                    // Keep the link until the client closes it.
                    while try await messages.next() != nil {}
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                self.lock.withLock { self._port = port }
            }
        )
        try await app.run()
    }
}
