import Crypto
import Foundation

/// Slack's request signing (v0): `X-Slack-Signature` is "v0=" and the hex HMAC-SHA256 of
/// "v0:{X-Slack-Request-Timestamp}:{raw body}" under the app's signing secret. A request
/// older than five minutes is refused, so a captured one cannot be replayed later.
public enum SlackSignature {
    public static let maximumAge: TimeInterval = 5 * 60

    public enum Verdict: Equatable, Sendable {
        case valid
        case missingHeaders
        case stale
        case mismatch
    }

    public static func verify(body: [UInt8], timestamp: String?, signature: String?, secret: [UInt8], now: Date) -> Verdict {
        guard let timestamp, let signature, let seconds = Int64(timestamp) else { return .missingHeaders }
        guard abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= maximumAge else { return .stale }
        let expected = sign(body: body, timestamp: timestamp, secret: secret)
        return constantTimeEqual(Array(expected.utf8), Array(signature.utf8)) ? .valid : .mismatch
    }

    public static func sign(body: [UInt8], timestamp: String, secret: [UInt8]) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: secret))
        mac.update(data: Array("v0:\(timestamp):".utf8))
        mac.update(data: body)
        return "v0=" + mac.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Compares every byte whatever the first difference, so timing tells nothing.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
