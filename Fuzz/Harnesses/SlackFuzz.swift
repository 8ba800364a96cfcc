// libFuzzer harness for Slack JSON: a day file's messages (or one Events API event),
// each read for the queue (SlackMessage.item) and its markup rendered. Compiled straight
// from Sources/BatonIngest/Slack (see Fuzz/run.sh). A ts that traps when it becomes an
// integer shows as a crash; every post's instant must be one the store can keep.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlack(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let json = Data(bytes: data, count: count)
    let messages = (try? JSONDecoder().decode([SlackMessage].self, from: json))
        ?? ((try? JSONDecoder().decode(SlackMessage.self, from: json)).map { [$0] } ?? [])
    for message in messages {
        switch message.item {
        case let .post(post):
            let seconds = post.createdAt.timeIntervalSince1970
            precondition(seconds.isFinite && seconds > 0 && seconds <= SlackTime.latest, "post at \(seconds)")
            _ = Int64(seconds)
            if let edited = post.editedAt { _ = Int64(edited.timeIntervalSince1970) }
            _ = SlackMarkup.render(post.text, userName: { $0 == "U1" ? "ana" : nil }, channelName: { _ in "general" })
        case let .edit(_, text, _, _, editedAt):
            if let editedAt { _ = Int64(editedAt.timeIntervalSince1970) }
            _ = SlackMarkup.render(text, userName: { _ in nil })
        case let .delete(_, at):
            _ = Int64(at.timeIntervalSince1970)
        case .skip, .invalid:
            break
        }
    }
    return 0
}
