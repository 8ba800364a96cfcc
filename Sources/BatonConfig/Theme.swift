/// A terminal color: the terminal's own default, or one of the 256 indexed colors.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright_black": 8, "gray": 8, "grey": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    /// "default", a name such as "blue" or "bright_red", or "0" to "255".
    public init?(name: String) {
        let key = name.lowercased()
        if key == "default" { self = .terminalDefault; return }
        if let index = Self.names[key] { self = .indexed(index); return }
        if let index = Int(key), (0...255).contains(index) { self = .indexed(index); return }
        return nil
    }
}

/// How a cell looks: colors and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()

    /// The same attributes without colors, for NO_COLOR and monochrome terminals.
    public var withoutColor: Style {
        Style(bold: bold, reverse: reverse, underline: underline, dim: dim)
    }
}

/// The parts of the screen a theme gives a look to.
public enum ThemeRole: String, CaseIterable, Sendable {
    case normal
    case header
    case columnHeader = "column_header"
    case footer
    case selected
    case breaching
    case dueSoon = "due_soon"
    case unowned
    case muted
    case customer
    case team
    case bot
    case system
    case filter
    case help
    case helpKey = "help_key"
    case border
    case notice
    /// The rotation screen: a shift on the timeline, one an override made, and a gap.
    case shift
    case override
    case gap
    /// A reply the outbox could not hand over (or may not have): the queue row's `reply
    /// failed`, the header's count and the thread's reason line (issue 13).
    case failed
}

/// A look for every role.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [ThemeRole: Style]

    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// The theme with its colors taken out: what NO_COLOR and monochrome terminals get.
    public var withoutColor: Theme {
        Theme(name: name, styles: styles.mapValues(\.withoutColor))
    }

    /// Bold, reverse, underline and dim only: readable on any terminal. `themes/mono.toml` says the same.
    public static let monochrome = Theme(name: "mono", styles: [
        .normal: .plain,
        .header: Style(bold: true, reverse: true),
        .columnHeader: Style(bold: true, underline: true),
        .footer: Style(reverse: true),
        .selected: Style(bold: true, reverse: true),
        .breaching: Style(bold: true),
        .dueSoon: Style(underline: true),
        .unowned: Style(bold: true),
        .muted: Style(dim: true),
        .customer: Style(bold: true),
        .team: Style(underline: true),
        .bot: Style(dim: true),
        .system: Style(dim: true),
        .filter: Style(bold: true),
        .help: .plain,
        .helpKey: Style(bold: true),
        .border: .plain,
        .notice: Style(bold: true),
        .shift: Style(reverse: true),
        .override: Style(bold: true, reverse: true, underline: true),
        .gap: Style(bold: true),
        .failed: Style(bold: true, reverse: true),
    ])
}
