/// Which addresses belong to the team, as the config says now (so a corrected config
/// corrects past figures): an engineer's own address, or one in an internal domain or a
/// subdomain of one ("eu.example-corp.com" is within "example-corp.com"). Case does not matter.
extension TeamConfig {
    public func isInternal(email: String) -> Bool {
        let address = email.lowercased()
        if engineers.contains(where: { $0.email?.lowercased() == address }) { return true }
        guard let at = address.lastIndex(of: "@") else { return false }
        let domain = address[address.index(after: at)...]
        guard !domain.isEmpty else { return false }
        return internalDomains.contains { parent in
            let parent = parent.lowercased()
            return domain == parent || domain.hasSuffix("." + parent)
        }
    }
}
