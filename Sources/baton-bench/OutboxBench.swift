import BatonCore
import BatonOutbox
import BatonStore
import Foundation

/// Issue 13's figure: the sender's own overhead per reply, from queueing it (the store
/// write `R` makes) to handing it to a connector (claimed, its Message-ID made), and the
/// whole pass with the outcome recorded, on the bench store. The connector stops the
/// clock and does nothing else: what sendmail or Slack take is theirs, not the sender's.
enum OutboxBench {
    final class HandOff: ReplyConnector {
        let source: Source
        var handedAt: UInt64 = 0
        init(_ source: Source) { self.source = source }
        func remoteID(for reply: OutboxReply) -> String? { "bench.\(reply.messageID)@example.com" }
        func send(_ reply: OutboxReply) -> SendOutcome {
            handedAt = DispatchTime.now().uptimeNanoseconds
            return .sent(remoteID: reply.remoteID ?? "", messageKey: nil)
        }
    }

    static func run(store: StoreBackend) throws {
        let connectors = Source.allCases.map(HandOff.init)
        let sender = OutboxSender(store: store, connectors: connectors, actor: "bench", clock: { Date() })
        _ = try sender.sendDue()  // whatever an earlier bench left
        var toHandOff: [Double] = []
        var wholePass: [Double] = []
        for index in 0..<51 {
            let conversation = Int64(1 + index * 997 % 100_000)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try store.queueReply(conversation, body: "Fixed in 2.4.\(index).", actor: "ana", authorName: "Ana", at: Date())
            let report = try sender.sendDue()
            let end = DispatchTime.now().uptimeNanoseconds
            precondition(report.sent.count == 1, "the bench reply was not sent: \(report)")
            let handed = connectors.map(\.handedAt).max()!
            toHandOff.append(Double(handed - start) / 1e6)
            wholePass.append(Double(end - start) / 1e6)
        }
        print(String(format: "outbox: queue to hand-off per reply, median of 51: %.2f ms (max %.2f ms); with the outcome recorded: %.2f ms",
                     median(toHandOff), toHandOff.max()!, median(wholePass)))
    }
}
