import Foundation

/// The team's figures as one fold over stored rows (`MetricsData`): nothing is kept as a
/// running total, so a corrected config (a calendar, a tier, an internal domain) gives
/// corrected figures for the past. `baton metrics`, the metrics screen and the tests all
/// call `report`. docs/metrics.md defines every figure.
public enum Metrics {
    /// The figures for the conversations opened in `period` (and the NPS answers given in
    /// it), grouped by `grouping`. `now` (UTC seconds) decides which unanswered customers
    /// are already past their deadline. Policies missing from `data.policies` count no SLA.
    public static func report(_ data: MetricsData, period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64) -> MetricsReport {
        fold(data, period: period, grouping: grouping, single: nil, team: team, now: now)
    }

    /// The figures of all of `data` as one group (keyed "all"): the metrics screen's line per period.
    public static func total(_ data: MetricsData, period: MetricsPeriod, team: TeamConfig, now: Int64) -> MetricsGroup {
        fold(data, period: period, grouping: .week, single: "all", team: team, now: now).group("all") ?? MetricsGroup(key: "all")
    }

    /// The figures of `data`, part of a period's rows (its conversations opened in a
    /// stretch of `period`, the NPS answers given then), folded but not finished: the parts
    /// of one period, read and folded at once, make its report with `report(merging:)`.
    /// `runs` as `fold`'s; 1 when the parts are the threads.
    public static func part(_ data: MetricsData, period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64,
                            runs: Int? = nil) -> MetricsPart {
        MetricsPart(folder: folded(data, period: period, grouping: grouping, single: nil, team: team, now: now, runs: runs))
    }

    /// The report of a period from its parts (`part`), in any order: every figure is a
    /// count, a union or a list sorted at the end, so it is the report one fold of all the
    /// rows gives. Nil when there are no parts.
    public static func report(merging parts: [MetricsPart]) -> MetricsReport? {
        guard var folder = parts.first?.folder else { return nil }
        for part in parts.dropFirst() { folder.merge(part.folder) }
        return folder.finish()
    }

    /// `runs`: how many runs of ids to fold at once; nil: one per core (up to 8) from `parallelFrom` conversations.
    static func fold(_ data: MetricsData, period: MetricsPeriod, grouping: MetricsGrouping, single: String?, team: TeamConfig, now: Int64,
                     runs: Int? = nil) -> MetricsReport {
        folded(data, period: period, grouping: grouping, single: single, team: team, now: now, runs: runs).finish()
    }

    static func folded(_ data: MetricsData, period: MetricsPeriod, grouping: MetricsGrouping, single: String?, team: TeamConfig, now: Int64,
                       runs: Int? = nil) -> Folder {
        let messages = isSorted(data.messages) ? data.messages : sorted(data.messages)
        // The store's rows come in order: sorted copies only for rows that do not.
        let events = zip(data.events, data.events.dropFirst()).allSatisfy({ ($0.conversationID, $0.at) <= ($1.conversationID, $1.at) }) ? data.events
            : data.events.enumerated().sorted { ($0.element.conversationID, $0.element.at, $0.offset) < ($1.element.conversationID, $1.element.at, $1.offset) }.map(\.element)
        let conversations = zip(data.conversations, data.conversations.dropFirst()).allSatisfy({ $0.id < $1.id }) ? data.conversations
            : data.conversations.sorted(by: { $0.id < $1.id })
        // The conversations are folded in runs of ids, one per core, and the runs' folders
        // merged in id order: every figure is a count, a union or a list sorted at the end,
        // so the report is the one a single pass gives. Small periods stay on one thread.
        let runs = max(1, runs ?? (conversations.count < parallelFrom ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8)))
        let folded = Slots<Folder>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var folder = Folder(period: period, grouping: grouping, single: single, team: team, now: now, policies: data.policies)
            let range = (conversations.count * run / runs)..<(conversations.count * (run + 1) / runs)
            var m = 0, e = 0
            if let firstID = range.isEmpty ? nil : conversations[range.lowerBound].id {
                m = lowerBound(messages.count) { messages[$0].conversationID < firstID }
                e = lowerBound(events.count) { events[$0].conversationID < firstID }
            }
            for conversation in conversations[range] {
                while m < messages.count && messages[m].conversationID < conversation.id { m += 1 }
                let messageStart = m
                while m < messages.count && messages[m].conversationID == conversation.id { m += 1 }
                while e < events.count && events[e].conversationID < conversation.id { e += 1 }
                let eventStart = e
                while e < events.count && events[e].conversationID == conversation.id { e += 1 }
                folder.add(conversation, messages: messages[messageStart..<m], events: events[eventStart..<e])
            }
            folded.set(run, folder)
        }
        var folder = folded.take(0)
        for run in 1..<runs { folder.merge(folded.take(run)) }
        for answer in data.nps { folder.add(answer) }
        return folder
    }

    /// From this many conversations the fold runs on every core.
    static let parallelFrom = 4_000

    /// The first index in 0..<count for which `before` is false (`before` true then false along the indices).
    static func lowerBound(_ count: Int, _ before: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if before(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func isSorted(_ messages: [MetricsMessage]) -> Bool {
        zip(messages, messages.dropFirst()).allSatisfy { ($0.conversationID, $0.createdAt) <= ($1.conversationID, $1.createdAt) }
    }

    static func sorted(_ messages: [MetricsMessage]) -> [MetricsMessage] {
        messages.enumerated().sorted { ($0.element.conversationID, $0.element.createdAt, $0.offset) < ($1.element.conversationID, $1.element.createdAt, $1.offset) }.map(\.element)
    }

    /// The key a conversation counts under; "—" for no owner (region, engineer) or no customer id.
    public static func groupKey(_ conversation: MetricsConversation, grouping: MetricsGrouping, team: TeamConfig, zone: TimeZone) -> String {
        switch grouping {
        case .week: return MetricsPeriod.weekKey(conversation.createdAt, zone: zone)
        case .tier: return conversation.tierID
        case .customer: return conversation.customerID ?? conversation.customerName
        case .engineer: return conversation.ownerID ?? none
        case .region: return conversation.ownerID.flatMap { team.engineer($0)?.region } ?? none
        }
    }

    public static let none = "—"

    /// Open calendar seconds between two instants in `counter`'s calendar (all of them around the clock).
    public static func openSeconds(from: Int64, to: Int64, in counter: SLACalendarClock) -> Int64 {
        guard counter.calendar != nil else { return max(0, to - from) }
        var total: Int64 = 0
        counter.forEachOpen(from: from, until: to) { open, close in
            total += close - open
            return true
        }
        return total
    }
}

/// The accumulating state of one report.
struct Folder {
    struct Group {
        var figures: MetricsGroup
        var first: [Int64] = []
        var firstBusiness: [Int64] = []
        var next: [Int64] = []
        var nextBusiness: [Int64] = []
        var resolution: [Int64] = []
        var touches: [Int] = []
        var people: Set<String> = []

        /// Adds another run's figures of the same key (its conversations of higher ids).
        mutating func absorb(_ other: Group) {
            figures.opened += other.figures.opened
            figures.solved += other.figures.solved
            figures.reopened += other.figures.reopened
            figures.customerMessages += other.figures.customerMessages
            figures.conversationIDs += other.figures.conversationIDs
            figures.sla.firstMet += other.figures.sla.firstMet
            figures.sla.firstDue += other.figures.sla.firstDue
            figures.sla.nextMet += other.figures.sla.nextMet
            figures.sla.nextDue += other.figures.sla.nextDue
            figures.ownerChanges = figures.ownerChanges + other.figures.ownerChanges
            first += other.first
            firstBusiness += other.firstBusiness
            next += other.next
            nextBusiness += other.nextBusiness
            resolution += other.resolution
            touches += other.touches
            people.formUnion(other.people)
            figures.nps.promoters += other.figures.nps.promoters
            figures.nps.passives += other.figures.nps.passives
            figures.nps.detractors += other.figures.nps.detractors
            figures.nps.internalExcluded += other.figures.nps.internalExcluded
            figures.nps.followedUp += other.figures.nps.followedUp
            figures.nps.owingFollowUp += other.figures.nps.owingFollowUp
            figures.nps.detractorConversationIDs += other.figures.nps.detractorConversationIDs
        }
    }

    let period: MetricsPeriod
    let grouping: MetricsGrouping
    /// Every row in one group of this key (`Metrics.total`), whatever the grouping.
    let single: String?
    let team: TeamConfig
    let now: Int64
    let policies: [String: SLAPolicy]
    let engineers: Set<String>
    var groups: [String: Group] = [:]
    var breaches: [MetricsBreach] = []
    var load: [String: EngineerLoad] = [:]
    var firstTimes: [String: [Int64]] = [:]
    var people: Set<String> = []
    /// The policy a conversation counts under, its calendar's counter, and whether that
    /// calendar never opens; the few tiers and customers looked up once each, not by a key
    /// made per conversation.
    mutating func policy(_ conversation: MetricsConversation) -> (SLAPolicy?, SLACalendarClock, Bool) {
        for known in knownPolicies where known.tier == conversation.tierID && known.customer == conversation.customerID {
            return (known.policy, known.counter, known.neverOpen)
        }
        let policy = policies[MetricsData.policyKey(tier: conversation.tierID, customer: conversation.customerID)]
        let found = (policy, counter(policy?.calendar), policy?.calendar?.isNeverOpen == true)
        if knownPolicies.count < 16 {
            knownPolicies.append((conversation.tierID, conversation.customerID, found.0, found.1, found.2))
        }
        return found
    }

    var knownPolicies: [(tier: String, customer: String?, policy: SLAPolicy?, counter: SLACalendarClock, neverOpen: Bool)] = []
    /// Buffers `add` reuses from one conversation to the next.
    var scratchWho: [String] = []
    var scratchTimeline: [(at: Int64, customer: Bool, author: String?)] = []
    var scratchAuthors: [(id: String, replies: Int)] = []
    /// One calendar counter per calendar, shared: each DST transition is looked up once.
    var counters: [String: SLACalendarClock] = [:]
    /// The period's ISO weeks, for `--by week`: a binary search instead of a calendar
    /// conversion and a formatted name per conversation.
    var weeks: [(start: Int64, key: String)] = []

    func week(_ instant: Int64) -> String {
        guard let first = weeks.first, instant >= first.start, instant < period.to else { return MetricsPeriod.weekKey(instant, zone: period.zone) }
        var low = 0, high = weeks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if weeks[middle].start <= instant { low = middle } else { high = middle - 1 }
        }
        return weeks[low].key
    }

    init(period: MetricsPeriod, grouping: MetricsGrouping, single: String? = nil, team: TeamConfig, now: Int64, policies: [String: SLAPolicy]) {
        self.single = single
        self.period = period
        self.grouping = grouping
        self.team = team
        self.now = now
        self.policies = policies
        self.engineers = Set(team.engineers.map(\.id))
        if grouping == .week && single == nil {
            weeks = period.weeks
            for week in weeks { groups[week.key] = Group(figures: MetricsGroup(key: week.key)) }
        }
    }

    mutating func counter(_ calendar: BusinessCalendar?) -> SLACalendarClock {
        let key = calendar?.id ?? ""
        if let known = counters[key] { return known }
        let made = SLACalendarClock(calendar)
        counters[key] = made
        return made
    }

    mutating func add(_ conversation: MetricsConversation, messages: ArraySlice<MetricsMessage>, events: ArraySlice<MetricsEvent>) {
        let key = single ?? (grouping == .week ? week(conversation.createdAt) : Metrics.groupKey(conversation, grouping: grouping, team: team, zone: period.zone))
        // Taken out while it grows: a copy left in the dictionary would make every append copy its arrays.
        var group = groups.removeValue(forKey: key) ?? Group(figures: MetricsGroup(key: key))
        group.figures.opened += 1
        group.figures.conversationIDs.append(conversation.id)

        // Status, from the record every status change appends to: solved now, and reopened after a solve.
        let done = conversation.pauses.last { $0.kind == .done }
        if !conversation.status.isOpen {
            group.figures.solved += 1
            let solvedAt = (done?.end == nil ? done?.start : nil).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
            if let solvedAt { group.resolution.append(max(0, solvedAt - conversation.createdAt)) }
        }
        if conversation.pauses.contains(where: { $0.kind == .done && $0.end != nil }) { group.figures.reopened += 1 }

        // Responses: the customer's first message since the team last answered starts a wait;
        // the next answer sent ends it. The first answer ever is the first response.
        // The timeline and the team's authors go into buffers kept from the last conversation:
        // a hundred thousand conversations, not a hundred thousand arrays. The authors are
        // few per conversation: each is looked up on the roster once, not once per message.
        var timeline: [(at: Int64, customer: Bool, author: String?)] = []
        var authors: [(id: String, replies: Int)] = []
        // Swapped out, so each buffer has one owner and is emptied in place.
        swap(&timeline, &scratchTimeline)
        swap(&authors, &scratchAuthors)
        timeline.removeAll(keepingCapacity: true)
        authors.removeAll(keepingCapacity: true)
        defer {
            scratchTimeline = timeline
            scratchAuthors = authors
        }
        for message in messages {
            if message.isCustomer {
                group.figures.customerMessages += 1
                timeline.append((message.createdAt, true, nil))
                continue
            }
            let at = message.answeredAt
            if let at { timeline.append((at, false, message.authorID)) }
            guard message.authorKind == .team, let author = message.authorID else { continue }
            if let index = authors.firstIndex(where: { $0.id == author }) {
                if at != nil { authors[index].replies += 1 }
            } else {
                authors.append((author, at != nil ? 1 : 0))
            }
        }
        // By time; at the same second the customer's message comes first (an answer in that second took 0 s).
        // Stored in time order, the timeline is usually in it already (a sent reply can move).
        func before(_ a: (at: Int64, customer: Bool, author: String?), _ b: (at: Int64, customer: Bool, author: String?)) -> Bool {
            (a.at, a.customer ? 0 : 1) < (b.at, b.customer ? 0 : 1)
        }
        if timeline.indices.dropFirst().contains(where: { before(timeline[$0], timeline[$0 - 1]) }) { timeline.sort(by: before) }
        let (policy, counter, neverOpen) = policy(conversation)
        // Worked out only for a deadline that is looked up: most answers come within the target.
        var skipped: [(Int64, Int64)]?
        var waiting: Int64?
        var answered = false
        func deadline(_ since: Int64, first: Bool) -> Int64? {
            guard let policy else { return nil }
            if skipped == nil { skipped = policy.skipped(conversation.pauses, now: now) }
            return counter.deadline(start: since, target: first ? policy.firstResponse : policy.nextResponse, pauses: skipped!)
        }
        for entry in conversation.source == .nps ? [] : timeline {
            if entry.customer {
                if waiting == nil { waiting = entry.at }
                continue
            }
            // A team message before this one makes this a next response.
            let isNext = answered
            answered = true
            guard let since = waiting else { continue }
            waiting = nil
            let took = entry.at - since
            let business = Metrics.openSeconds(from: since, to: entry.at, in: counter)
            if isNext {
                group.next.append(took)
                group.nextBusiness.append(business)
            } else {
                group.first.append(took)
                group.firstBusiness.append(business)
                if let author = entry.author, engineers.contains(author) {
                    load[author, default: EngineerLoad(engineer: author)].firstResponses += 1
                    firstTimes[author, default: []].append(took)
                }
            }
            // Open time never runs faster than the wall clock, so an answer within the target
            // in wall time met its deadline: the deadline is worked out only for the others.
            if let policy, !neverOpen, took <= (isNext ? policy.nextResponse : policy.firstResponse) {
                if isNext {
                    group.figures.sla.nextDue += 1
                    group.figures.sla.nextMet += 1
                } else {
                    group.figures.sla.firstDue += 1
                    group.figures.sla.firstMet += 1
                }
            } else if let due = deadline(since, first: !isNext) {
                let met = entry.at <= due
                if isNext {
                    group.figures.sla.nextDue += 1
                    if met { group.figures.sla.nextMet += 1 }
                } else {
                    group.figures.sla.firstDue += 1
                    if met { group.figures.sla.firstMet += 1 }
                }
                if !met { breach(conversation, key: key, first: !isNext, since: since, due: due, answeredAt: entry.at) }
            }
        }
        // A customer still waiting: due once the deadline has passed, by now or by the time
        // the conversation was solved without an answer.
        if conversation.source != .nps, let since = waiting, let due = deadline(since, first: !answered) {
            var end = now
            if !conversation.status.isOpen, let done, done.end == nil {
                end = min(end, Int64(done.start.timeIntervalSince1970.rounded(.down)))
            }
            if due < end {
                if answered { group.figures.sla.nextDue += 1 } else { group.figures.sla.firstDue += 1 }
                breach(conversation, key: key, first: !answered, since: since, due: due, answeredAt: nil)
            }
        }

        // Touches and owner changes.
        // The few distinct people as a list: no set to make per conversation.
        var who: [String] = []
        swap(&who, &scratchWho)
        who.removeAll(keepingCapacity: true)
        defer { scratchWho = who }
        for event in events {
            if let id = Touches.toucher(kind: event.kind, actor: event.actor, engineers: engineers), !who.contains(id) { who.append(id) }
        }
        for (author, replies) in authors {
            // `Touches.toucher(authorKind:authorID:engineers:)`, once per author.
            guard let id = Touches.toucher(authorKind: .team, authorID: author, engineers: engineers) else { continue }
            if !who.contains(id) { who.append(id) }
            if replies > 0 { load[id, default: EngineerLoad(engineer: id)].replies += replies }
        }
        group.touches.append(who.count)
        for id in who {
            group.people.insert(id)
            people.insert(id)
        }
        group.figures.ownerChanges = group.figures.ownerChanges + OwnerChange.count(events)
        if let owner = conversation.ownerID, engineers.contains(owner) { load[owner, default: EngineerLoad(engineer: owner)].owned += 1 }
        groups[key] = group
    }

    /// Adds the figures of `other`, a folder over other conversations of the same period (of
    /// higher ids, or opened later: `finish` puts each group's conversations in id order) and
    /// the NPS answers given after this one's.
    mutating func merge(_ other: Folder) {
        for (key, theirs) in other.groups {
            guard var mine = groups.removeValue(forKey: key) else {
                groups[key] = theirs
                continue
            }
            mine.absorb(theirs)
            groups[key] = mine
        }
        breaches += other.breaches
        for (engineer, theirs) in other.load {
            var mine = load[engineer] ?? EngineerLoad(engineer: engineer)
            mine.owned += theirs.owned
            mine.replies += theirs.replies
            mine.firstResponses += theirs.firstResponses
            load[engineer] = mine
        }
        for (engineer, times) in other.firstTimes { firstTimes[engineer, default: []] += times }
        people.formUnion(other.people)
    }

    mutating func breach(_ conversation: MetricsConversation, key: String, first: Bool, since: Int64, due: Int64, answeredAt: Int64?) {
        breaches.append(MetricsBreach(conversationID: conversation.id, group: key, tierID: conversation.tierID, customerName: conversation.customerName,
                                      kind: first ? .first : .next, waitingSince: since, due: due, answeredAt: answeredAt))
    }

    mutating func add(_ answer: MetricsNPSAnswer) {
        guard answer.answeredAt >= period.from && answer.answeredAt < period.to else { return }
        let customer = answer.customerID.flatMap { team.customer($0) }
        let owner = answer.ownerID ?? customer?.engineer
        var key: String
        switch grouping {
        case .week: key = week(answer.answeredAt)
        case .tier: key = customer?.tier ?? Metrics.none
        case .customer: key = answer.customerID ?? Metrics.none
        case .engineer: key = owner ?? Metrics.none
        case .region: key = owner.flatMap { team.engineer($0)?.region } ?? Metrics.none
        }
        if let single { key = single }
        var group = groups.removeValue(forKey: key) ?? Group(figures: MetricsGroup(key: key))
        if answer.isInternal || team.isInternal(email: answer.email) {
            group.figures.nps.internalExcluded += 1
        } else if answer.score >= 9 {
            group.figures.nps.promoters += 1
        } else if answer.score >= 7 {
            group.figures.nps.passives += 1
        } else {
            group.figures.nps.detractors += 1
            group.figures.nps.owingFollowUp += 1
            if let id = answer.conversationID { group.figures.nps.detractorConversationIDs.append(id) }
            let target = customer.flatMap { team.tier($0.tier) }?.npsFollowUp ?? Tier.defaultNPSFollowUp
            if let received = answer.conversationCreatedAt, let answered = answer.firstAnsweredAt, answered - received <= target {
                group.figures.nps.followedUp += 1
            }
        }
        groups[key] = group
    }

    func finish() -> MetricsReport {
        // Each group's percentiles sort its durations: the groups on every core at once.
        let entries = Array(groups.values)
        let finished = Slots<MetricsGroup>(count: entries.count)
        let values = entries.reduce(0) { $0 + $1.first.count + $1.next.count }
        let runs = values < Metrics.parallelFrom ? 1 : max(1, min(entries.count, ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for index in stride(from: run, to: entries.count, by: runs) { finished.set(index, Self.finish(entries[index])) }
        }
        var result = (0..<entries.count).map { finished.take($0) }
        result.sort { order($0.key) < order($1.key) }
        var loads = load
        for (engineer, times) in firstTimes { loads[engineer]?.firstResponseP50 = MetricsPercentile.nearestRank(50, of: times) }
        return MetricsReport(period: period, grouping: grouping, groups: result,
                             breaches: breaches.sorted { ($0.due, $0.conversationID) < ($1.due, $1.conversationID) },
                             load: loads.values.sorted { $0.engineer < $1.engineer }, people: people.sorted())
    }

    static func finish(_ group: Group) -> MetricsGroup {
        var figures = group.figures
        figures.firstResponse = MetricsDurations(group.first, business: group.firstBusiness)
        figures.nextResponse = MetricsDurations(group.next, business: group.nextBusiness)
        let resolution = MetricsDurations(group.resolution)
        figures.resolution = MetricsDurations(count: resolution.count, p50: resolution.p50, p90: resolution.p90)
        let touches = MetricsPercentile.nearestRanks([50, 90, 100], of: group.touches.map(Int64.init))
        figures.touches = MetricsTouches(p50: touches[0].map(Int.init), p90: touches[1].map(Int.init), max: touches[2].map(Int.init))
        figures.people = group.people.sorted()
        // One fold adds them in id order; parts split by time may not.
        figures.conversationIDs.sort()
        return figures
    }

    /// Weeks in time order, tiers in the config's order, the rest by name; "—" last.
    func order(_ key: String) -> (Int, Int, String) {
        if key == Metrics.none { return (2, 0, key) }
        if grouping == .tier, let rank = team.tiers.firstIndex(where: { $0.id == key }) { return (0, rank, key) }
        return (1, 0, key)
    }
}

/// Each run's result (a folder, a finished group), filled in by the run on its own thread and taken after all are done.
final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }
    func take(_ index: Int) -> Value { lock.withLock { slots[index]! } }
}

/// Folds a period's rows as a store reads them, conversation by conversation, with no array
/// of all the messages: what `Metrics.part` does over a `MetricsData`, for a store that
/// steps its rows in `MetricsData`'s order (each conversation's messages and events in time
/// order) and keeps only one conversation's at a time. `part` then merges with the others
/// (`Metrics.report(merging:)`).
public struct MetricsFolding {
    var folder: Folder

    /// `policies` as `MetricsData.policies`; `now` in UTC seconds.
    public init(period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64, policies: [String: SLAPolicy]) {
        folder = Folder(period: period, grouping: grouping, team: team, now: now, policies: policies)
    }

    /// One conversation opened in the period, with its messages and audit events (the kinds
    /// `MetricsData.events` holds), each in time order.
    public mutating func add(_ conversation: MetricsConversation, messages: ArraySlice<MetricsMessage>, events: ArraySlice<MetricsEvent>) {
        folder.add(conversation, messages: messages, events: events)
    }

    /// One NPS answer given in the period, after those added before it (`MetricsData.nps`'s order).
    public mutating func add(_ answer: MetricsNPSAnswer) {
        folder.add(answer)
    }

    /// What has been folded, to merge.
    public var part: MetricsPart { MetricsPart(folder: folder) }
}

/// A period's figures folded from part of its rows, not finished: `Metrics.part`, `Metrics.report(merging:)`.
/// Handed from the thread that folded it to the one that merges, never shared.
public struct MetricsPart: @unchecked Sendable {
    var folder: Folder
}
