import BatonCore
import BatonOutbox
import BatonStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts replies to Slack conversations with `chat.postMessage`: into the channel of the
/// thread answered, `thread_ts` its parent, as the app's bot (the bot token). At most one
/// post per second per channel (Slack's rate for posting); a 429 waits its `Retry-After`
/// and tries again; `ok: false` fails the reply with Slack's own reason (`channel_not_found`,
/// `not_in_channel`, `invalid_auth`, `msg_too_long`, ...), temporary only for Slack's
/// own trouble. The posted ts is returned, so Slack's echo of the post is known.
///
/// HTTP and TLS through FoundationNetworking (libcurl), which the toolchain ships: nothing
/// more to build, and only `baton-serve` links this target.
public final class SlackConnector: ReplyConnector {
    public let source = Source.slack
    let apiURL: String
    let token: String
    let session: URLSession
    /// When the last post to each channel was made (monotonic seconds).
    var lastPost: [String: TimeInterval] = [:]
    /// Seconds between two posts to one channel.
    public var spacing: TimeInterval = 1
    /// 429s waited out for one reply before it is left for the next pass.
    public var maximumRateLimitWaits = 3

    public init(apiURL: String, token: String, timeout: TimeInterval = 30) {
        self.apiURL = apiURL
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    public func remoteID(for reply: OutboxReply) -> String? { nil }

    /// Errors that are Slack's trouble, not the reply's: tried again later.
    static let temporaryErrors: Set<String> = ["ratelimited", "service_unavailable", "internal_error", "fatal_error", "request_timeout", "team_added_to_org"]

    public func send(_ reply: OutboxReply) -> SendOutcome {
        guard let key = reply.conversationKey, key.hasPrefix("slack:") else {
            return .failed(reason: "conversation \(reply.conversationID) has no Slack channel and thread to answer in", temporary: false)
        }
        let parts = key.dropFirst("slack:".count).split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failed(reason: "conversation key \(key) names no channel and thread", temporary: false) }
        let (channel, thread) = (parts[0], parts[1])
        guard let url = URL(string: apiURL + "/chat.postMessage") else { return .failed(reason: "[slack] api_url \(apiURL) is no address", temporary: false) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let payload: [String: String] = ["channel": channel, "thread_ts": thread, "text": reply.body]
        request.httpBody = try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])

        var waits = 0
        while true {
            pace(channel)
            let (data, response, error) = perform(request)
            lastPost[channel] = Self.monotonic()
            if let error { return .failed(reason: "Slack: \(error.localizedDescription)", temporary: true) }
            guard let response else { return .failed(reason: "Slack sent no answer", temporary: true) }
            if response.statusCode == 429 {
                waits += 1
                let after = response.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init) ?? 1
                guard waits <= maximumRateLimitWaits else { return .failed(reason: "Slack: rate limited (429), Retry-After \(Int(after)) s", temporary: true) }
                Thread.sleep(forTimeInterval: after)
                continue
            }
            guard (200..<300).contains(response.statusCode) else {
                return .failed(reason: "Slack: HTTP \(response.statusCode)", temporary: response.statusCode >= 500)
            }
            guard let object = data.flatMap({ try? JSONSerialization.jsonObject(with: $0) }) as? [String: Any] else {
                return .failed(reason: "Slack: the answer is not JSON", temporary: true)
            }
            guard object["ok"] as? Bool == true else {
                let reason = object["error"] as? String ?? "unknown error"
                return .failed(reason: "Slack: \(reason)", temporary: Self.temporaryErrors.contains(reason))
            }
            guard let ts = object["ts"] as? String else { return .failed(reason: "Slack: ok without a ts", temporary: false) }
            return .sent(remoteID: ts, messageKey: "slack:\(channel):\(ts)")
        }
    }

    /// Waits until `spacing` seconds have passed since the last post to `channel`.
    func pace(_ channel: String) {
        guard let last = lastPost[channel] else { return }
        let wait = spacing - (Self.monotonic() - last)
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }

    func perform(_ request: URLRequest) -> (Data?, HTTPURLResponse?, Error?) {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        session.dataTask(with: request) { data, response, error in
            box.value = (data, response as? HTTPURLResponse, error)
            done.signal()
        }.resume()
        done.wait()
        return box.value
    }

    final class ResultBox: @unchecked Sendable {
        var value: (Data?, HTTPURLResponse?, Error?) = (nil, nil, nil)
    }

    static func monotonic() -> TimeInterval { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
