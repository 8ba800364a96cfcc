import Foundation

/// One message Slack sends over a Socket Mode WebSocket (a JSON text frame):
/// `hello` once the link is up, an envelope carrying a payload to acknowledge by its
/// `envelope_id` (`events_api`, and `slash_commands` and `interactive`, which baton does
/// not use), or `disconnect` with the reason Slack closes the link (`warning`, shortly
/// before it does; `refresh_requested`, its routine recycling; `link_disabled`, Socket
/// Mode turned off in the app's settings). See Slack's "Using Socket Mode".
public enum SocketModeMessage: Equatable, Sendable {
    case hello(connections: Int?)
    /// `payload` is the envelope's `payload` object as JSON (for `events_api`, the same
    /// `event_callback` body the Events API would POST); nil when it has none.
    case envelope(id: String, type: String, payload: [UInt8]?)
    case disconnect(reason: String)
    /// A message of a type this client does not know; it is logged and left alone.
    case other(type: String)

    /// A frame that is not a JSON object, or an envelope without its id.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Reads one text frame.
    /// - Throws: `Problem` saying what is wrong with it.
    public static func parse(_ text: String) throws(Problem) -> SocketModeMessage {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw Problem(description: "a Socket Mode message that is not a JSON object: \(text.prefix(120))")
        }
        let type = object["type"] as? String ?? ""
        switch type {
        case "hello":
            return .hello(connections: object["num_connections"] as? Int)
        case "disconnect":
            return .disconnect(reason: object["reason"] as? String ?? "unknown")
        default:
            guard let id = object["envelope_id"] as? String, !id.isEmpty else {
                if type.isEmpty { throw Problem(description: "a Socket Mode message without a type or an envelope_id") }
                return .other(type: type)
            }
            let payload = (object["payload"] as? [String: Any]).flatMap { try? JSONSerialization.data(withJSONObject: $0) }.map { [UInt8]($0) }
            return .envelope(id: id, type: type, payload: payload)
        }
    }

    /// The acknowledgement of an envelope: `{"envelope_id":"ID"}`, sent once it is kept.
    public static func acknowledgement(_ envelopeID: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["envelope_id": envelopeID])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
