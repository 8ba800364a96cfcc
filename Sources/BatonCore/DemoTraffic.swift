import Foundation

/// Believable conversations for the demo and for benchmarks: customers writing about
/// their problems, the team answering, some solved long ago, some breaching now.
/// Deterministic for a seed; time is passed in.
public struct DemoTraffic: Sendable {
    public var random: SeededRandom
    let team: TeamConfig

    public init(team: TeamConfig, seed: UInt64) {
        self.team = team
        random = SeededRandom(seed: seed)
    }

    /// `count` conversations spread over the last two weeks before `now`.
    public mutating func history(count: Int, now: Date) -> [NewConversation] {
        (0..<count).map { index in
            // The newest fifth are open and recent, so the queue has live deadlines.
            let recent = index >= count - max(1, count / 5)
            let age = recent ? Double.random(in: 5 * 60...(10 * 3_600), using: &random) : Double.random(in: 86_400...(14 * 86_400), using: &random)
            return conversation(startedAt: now.addingTimeInterval(-age), now: now, settled: !recent, key: "demo:history:\(index)")
        }
    }

    /// A brand new conversation, as a customer starts one.
    public mutating func newConversation(now: Date, key: String) -> NewConversation {
        var conversation = conversation(startedAt: now, now: now, settled: false, key: key)
        conversation.messages = Array(conversation.messages.prefix(1))
        conversation.ownerID = nil
        conversation.status = nil
        return conversation
    }

    /// A customer's follow-up in a conversation they started.
    public mutating func followUp(now: Date) -> NewMessage {
        let topic = DemoScript.topics.randomElement(using: &random)!
        let text = topic.followUps.randomElement(using: &random) ?? "Any news on this?"
        return NewMessage(authorKind: .customer, authorName: DemoScript.people.randomElement(using: &random)!, body: text, createdAt: now)
    }

    /// A team member's answer.
    public mutating func reply(now: Date) -> NewMessage {
        let topic = DemoScript.topics.randomElement(using: &random)!
        let engineer = team.engineers.randomElement(using: &random)
        return NewMessage(authorKind: .team, authorName: engineer?.name ?? "Support", authorID: engineer?.id,
                          body: topic.replies.randomElement(using: &random) ?? "Looking into it.", createdAt: now)
    }

    mutating func conversation(startedAt start: Date, now: Date, settled: Bool, key: String) -> NewConversation {
        let customer = team.customers.randomElement(using: &random)
        let topic = DemoScript.topics.randomElement(using: &random)!
        let person = DemoScript.people.randomElement(using: &random)!
        let source: Source = Bool.random(using: &random) ? .slack : .email
        var messages = [NewMessage(authorKind: .customer, authorName: person, body: topic.opening, createdAt: start)]
        var at = start
        let span = now.timeIntervalSince(start)
        // Alternate answers and follow-ups, each a little later than the last.
        let turns = settled ? Int.random(in: 1...5, using: &random) : Int.random(in: 0...3, using: &random)
        for turn in 0..<turns {
            at = at.addingTimeInterval(Double.random(in: 0.05...0.3, using: &random) * span)
            guard at < now else { break }
            let teamTurn = turn % 2 == 0
            if teamTurn {
                let engineer = customer?.engineer.flatMap(team.engineer) ?? team.engineers.randomElement(using: &random)
                let reply = topic.replies.isEmpty ? "Looking into it." : topic.replies[min(turn / 2, topic.replies.count - 1)]
                messages.append(NewMessage(authorKind: .team, authorName: engineer?.name ?? "Support", authorID: engineer?.id, body: reply, createdAt: at))
            } else {
                let text = topic.followUps.isEmpty ? "Thanks!" : topic.followUps[min(turn / 2, topic.followUps.count - 1)]
                messages.append(NewMessage(authorKind: .customer, authorName: person, body: text, createdAt: at))
            }
        }
        if random.next() % 10 == 0 {
            messages.append(NewMessage(authorKind: .bot, authorName: "statusbot", body: "Incident INC-\(random.next() % 9000 + 1000) linked to this thread.", createdAt: at.addingTimeInterval(1)))
        }
        let owned = settled || random.next() % 3 != 0
        // Without a dedicated engineer, whoever held point when it came in owns it, as on a real team.
        let owner = owned ? (customer?.engineer ?? team.rotation.holder(at: start)?.engineer ?? team.engineers.randomElement(using: &random)?.id) : nil
        let via: OwnerBasis = customer?.engineer != nil ? .dedicated : .point
        var status: ConversationStatus? = nil
        if settled { status = random.next() % 4 == 0 ? .closed : .solved }
        else if messages.last?.authorKind == .team && random.next() % 2 == 0 { status = .pending }
        return NewConversation(externalKey: key, customerID: customer?.id, customerName: customer?.name ?? "Unknown customer",
                               tierID: customer?.tier ?? team.tiers.last?.id ?? "free", subject: topic.subject, source: source,
                               ownerID: owner, ownerVia: via, status: status, messages: messages)
    }
}
