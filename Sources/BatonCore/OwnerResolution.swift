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

/// The dedicated-pair rule, as one pure function of the customer, its tier, the roster
/// and the instant.
///
/// A customer with a dedicated engineer gets that engineer, unless the engineer is off
/// shift and the tier needs an answer now: then the engineer holding point owns it and
/// the dedicated engineer is roped in, so they pick it up when they come back. Without a
/// dedicated engineer, whoever holds point owns it; in a gap nobody does.
public enum OwnerResolution {
    public static func resolve(customerID: String?, tierID: String, team: TeamConfig, at now: Date) -> OwnerDecision {
        let customer = customerID.flatMap(team.customer)
        let dedicated = customer?.engineer.flatMap(team.engineer)
        let tier = team.tier(customer?.tier ?? tierID) ?? team.tier(tierID)
        return resolve(dedicated: dedicated, needsAnswerNow: tier?.needsAnswerNow ?? false,
                       point: team.regions.isEmpty ? nil : team.rotation.holder(at: now))
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

extension Tier {
    /// Whether a new conversation of this tier must be answered by whoever is working now,
    /// rather than wait for its dedicated engineer's shift.
    public var needsAnswerNow: Bool { hours == "24x7" }
}

extension NewConversation {
    /// This conversation with its owner set by the dedicated-pair rule, unless it already has one.
    public func resolvingOwner(team: TeamConfig, at now: Date) -> NewConversation {
        guard ownerID == nil else { return self }
        let decision = OwnerResolution.resolve(customerID: customerID, tierID: tierID, team: team, at: now)
        var copy = self
        copy.ownerID = decision.owner
        copy.ownerVia = decision.basis
        copy.collaborators = decision.collaborators
        return copy
    }
}
