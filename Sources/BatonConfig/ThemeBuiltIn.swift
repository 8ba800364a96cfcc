/// The default theme, built into the binary, so that a lone `baton` copied to
/// /usr/local/bin starts with its colors and without a themes folder beside it. The text
/// is themes/dark.toml's, word for word (ThemeLocatorTests checks that they agree); a
/// dark.toml found on the search path still wins, so a team can change it.
public enum ThemeBuiltIn {
    /// Built-in theme texts by name.
    public static let texts: [String: String] = ["dark": dark]

    static let dark = #"""
        # dark: the default theme, for dark terminal backgrounds.
        # Each table is a part of the screen: fg and bg take default, a name (black, red, green,
        # yellow, blue, magenta, cyan, white, bright_NAME) or 0 to 255; bold, reverse,
        # underline and dim take true or false. Under NO_COLOR only the attributes are used.

        [normal]
        fg = "default"

        [header]
        fg = "bright_white"
        bg = 24
        bold = true

        [column_header]
        fg = "bright_cyan"
        bold = true
        underline = true

        [footer]
        fg = "white"
        bg = 236
        reverse = false

        [selected]
        fg = "black"
        bg = "bright_cyan"
        bold = true

        [breaching]
        fg = "bright_red"
        bold = true

        [due_soon]
        fg = "yellow"
        underline = true

        [unowned]
        fg = "bright_yellow"
        bold = true

        [muted]
        fg = 245

        [customer]
        fg = "bright_green"
        bold = true

        [team]
        fg = "bright_blue"
        underline = true

        [bot]
        fg = "magenta"
        dim = true

        [system]
        fg = 245
        dim = true

        [filter]
        fg = "bright_yellow"
        bold = true

        [help]
        fg = "white"
        bg = 235

        [help_key]
        fg = "bright_cyan"
        bg = 235
        bold = true

        [border]
        fg = 240

        [notice]
        fg = "bright_yellow"
        bold = true

        [shift]
        fg = "black"
        bg = "cyan"

        [override]
        fg = "black"
        bg = "bright_magenta"
        bold = true

        [gap]
        fg = "bright_red"
        bold = true

        [failed]
        fg = "bright_white"
        bg = "red"
        bold = true
        """# + "\n"
}
