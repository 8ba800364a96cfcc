import Foundation

/// Who owns a new conversation, why, and who is roped in beside them.
public struct OwnerDecision: Equatable, Sendable {
    public var owner: String?
    public var basis: OwnerBasis?
    public var collaborators: [String]

    public init(owner: String?, basis: OwnerBasis?, collaborators: [String] = []) {
        self.owner = owner
        self.basis = owner == nil ? nil : basis
        self.collaborators = collaborators
    }
}

/// The dedicated-pair rule, as one pure function of the customer, its tier and who holds point.
///
/// A customer with a dedicated engineer gets that engineer, unless the engineer is off
/// shift and the tier needs an answer now: then the engineer holding point owns it and
/// the dedicated engineer is roped in, so they pick it up when they come back. Without a
/// dedicated engineer, whoever holds point owns it; in a gap nobody does.
///
/// Who holds point must come from the rotation with the store's overrides in force
/// (the store's `pointHolder`); the configured rotation alone gives work to an engineer
/// someone else is covering.
public enum OwnerResolution {
    /// The rule for a customer (by id) and tier, given the shift holding point at arrival (nil in a gap).
    public static func resolve(customerID: String?, tierID: String, team: TeamConfig, point: Shift?) -> OwnerDecision {
        rule(customerID: customerID, tierID: tierID, team: team, at: Date(timeIntervalSince1970: 0)).decision(point: point)
    }

    /// The rule's inputs for a customer and tier, to be decided once who holds point at `at` is known.
    public static func rule(customerID: String?, tierID: String, team: TeamConfig, at instant: Date) -> OwnerRule {
        let customer = customerID.flatMap(team.customer)
        let dedicated = customer?.engineer.flatMap(team.engineer)
        let tier = team.tier(customer?.tier ?? tierID) ?? team.tier(tierID)
        return OwnerRule(dedicated: dedicated, needsAnswerNow: tier?.needsAnswerNow ?? false, rotation: team.rotation, at: instant)
    }

    /// The rule itself. An engineer is on shift while their region holds point.
    public static func resolve(dedicated: Engineer?, needsAnswerNow: Bool, point: Shift?) -> OwnerDecision {
        let holder = point?.engineer
        guard let dedicated else {
            return OwnerDecision(owner: holder, basis: .point)
        }
        let onShift = point?.region == dedicated.region
        if onShift || !needsAnswerNow || holder == nil || holder == dedicated.id {
            return OwnerDecision(owner: dedicated.id, basis: .dedicated)
        }
        return OwnerDecision(owner: holder, basis: .point, collaborators: [dedicated.id])
    }
}

/// The dedicated-pair rule's inputs for a conversation not stored yet. The store decides
/// with them when it inserts the conversation, reading its overrides in the same
/// transaction (the store's `insertNew`), so that no intake path (mail, Slack, NPS, the
/// demo feeder) can give work to an engineer an override has replaced.
public struct OwnerRule: Equatable, Sendable {
    /// The customer's dedicated engineer, if it has one on the roster.
    public var dedicated: Engineer?
    /// Whether the tier needs an answer from whoever works now (see `Tier.needsAnswerNow`).
    public var needsAnswerNow: Bool
    /// The configured rotation, before the store's overrides are put in.
    public var rotation: Rotation
    /// When the conversation started: the instant whose point holder counts (UTC).
    public var at: Date

    public init(dedicated: Engineer?, needsAnswerNow: Bool, rotation: Rotation, at: Date) {
        self.dedicated = dedicated
        self.needsAnswerNow = needsAnswerNow
        self.rotation = rotation
        self.at = at
    }

    /// The decision, given the shift holding point at `at` with overrides in force (nil in a gap).
    public func decision(point: Shift?) -> OwnerDecision {
        OwnerResolution.resolve(dedicated: dedicated, needsAnswerNow: needsAnswerNow, point: point)
    }
}

extension Tier {
    /// Whether a new conversation of this tier must be answered by whoever is working now,
    /// rather than wait for its dedicated engineer's shift.
    public var needsAnswerNow: Bool { hours == "24x7" }
}

extension NewConversation {
    /// This conversation with the dedicated-pair rule attached, unless it already has an
    /// owner. The owner is decided when the store inserts it, with the store's overrides
    /// (`decidingOwner(point:)` there); until then `ownerID` stays nil.
    public func resolvingOwner(team: TeamConfig, at now: Date) -> NewConversation {
        guard ownerID == nil else { return self }
        var copy = self
        copy.ownerRule = OwnerResolution.rule(customerID: customerID, tierID: tierID, team: team, at: now)
        return copy
    }

    /// This conversation with its owner decided by its rule, given the shift holding point
    /// at the rule's instant (overrides in force); unchanged without a rule or with an owner.
    public func decidingOwner(point: Shift?) -> NewConversation {
        guard ownerID == nil, let rule = ownerRule else { return self }
        let decision = rule.decision(point: point)
        var copy = self
        copy.ownerID = decision.owner
        copy.ownerVia = decision.basis
        copy.collaborators = decision.collaborators
        copy.ownerRule = nil
        return copy
    }
}
