import BatonCore

/// The queue's columns and their widths for a screen width: the subject takes what is left.
/// Two flag columns lead: `*` a row marked with `v`, `•` a conversation with messages
/// this engineer has not seen.
struct QueueColumns: Equatable {
    var flags = 2
    var number: Int
    var sla = 6
    var flag = 1
    var tier = 4
    var customer: Int
    var subject: Int
    var owner: Int
    var source = 3
    var age = 5

    /// `numberWidth`: the digits of the largest conversation number shown.
    init(width: Int, numberWidth: Int = 3) {
        number = max(3, numberWidth)
        customer = width >= 120 ? 16 : (width >= 80 ? 12 : 10)
        owner = width >= 120 ? 10 : (width >= 80 ? 8 : 6)
        let fixed = flags + number + 1 + sla + 1 + flag + 1 + tier + 1 + customer + 1 + owner + 1 + source + 1 + age + 1 + 1
        subject = max(4, width - fixed)
    }

    /// The column titles, laid out like a row.
    var titles: String {
        String(repeating: " ", count: flags) + TerminalText.fit("#", to: number, alignRight: true) + " "
            + TerminalText.fit("SLA", to: sla, alignRight: true) + " " + String(repeating: " ", count: flag) + " "
            + TerminalText.fit("TIER", to: tier) + " " + TerminalText.fit("CUSTOMER", to: customer) + " "
            + TerminalText.fit("SUBJECT", to: subject) + " " + TerminalText.fit("OWNER", to: owner) + " "
            + TerminalText.fit("SRC", to: source) + " " + TerminalText.fit("AGE", to: age, alignRight: true)
    }
}
