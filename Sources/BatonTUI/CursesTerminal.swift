import BatonConfig
import CNcurses
import CNcursesShim
import Foundation

/// The one place that touches the terminal: draws grids with ncursesw, reads keys.
///
/// Only cells that differ from the last grid are handed to ncurses, and ncurses sends
/// only what differs from the physical screen, so moving the selection costs a few
/// hundred bytes, not a screen.
public final class CursesTerminal: Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: ScreenGrid?
    private var pairs: [PairKey: Int16] = [:]
    private let colorCount: Int
    public let usesColor: Bool
    private var closed = false
    let outputDescriptor: Int32

    struct PairKey: Hashable { var foreground: ThemeColor; var background: ThemeColor }

    /// Starts ncurses on the given streams (the process's terminal by default).
    /// Colors are used only when the terminal has them and `allowColor` is true.
    public init(input: UnsafeMutablePointer<FILE>? = nil, output: UnsafeMutablePointer<FILE>? = nil, terminalType: String? = nil, allowColor: Bool) throws {
        Self.ensureUTF8Locale()
        let outputFile = output ?? fdopen(1, "w")
        outputDescriptor = fileno(outputFile)
        guard let screen = newterm(terminalType, outputFile, input ?? fdopen(0, "r")) else {
            throw TerminalError.cannotStart(terminalType ?? ProcessInfo.processInfo.environment["TERM"] ?? "(TERM unset)")
        }
        self.screen = screen
        set_term(screen)
        // ncurses starts on a terminal it cannot draw on (TERM=dumb, a printer): without cursor
        // addressing the screen would stay blank, so say so in one line instead.
        let type = terminalType ?? ProcessInfo.processInfo.environment["TERM"] ?? "(TERM unset)"
        guard Self.canAddressCursor() else {
            endwin()
            delscreen(screen)
            throw TerminalError.cannotDrive(type)
        }
        Self.defineKeySequences()
        window = baton_stdscr().assumingMemoryBound(to: WINDOW.self)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        if allowColor && has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(baton_colors())
            usesColor = true
        } else {
            colorCount = 0
            usesColor = false
        }
        baton_install_signal_handlers()
    }

    deinit { close() }

    /// Whether the terminal can move the cursor to a row and column (terminfo `cup`).
    static func canAddressCursor() -> Bool {
        guard let cup = tigetstr("cup") else { return false }
        return Int(bitPattern: cup) != -1 && cup.pointee != 0
    }

    /// Home and End as tmux and screen send them (`ESC [1~`, `ESC [4~`) and as rxvt does
    /// (`ESC [7~`, `ESC [8~`), and xterm's normal-mode `ESC [H`, `ESC [F`: a terminfo entry
    /// names only one form, and under tmux with TERM=xterm-256color it is the wrong one.
    static func defineKeySequences() {
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
                                ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END)] {
            // Kept when the terminfo entry already has it: define_key then changes nothing.
            if key_defined(sequence) <= 0 { define_key(sequence, key) }
        }
    }

    /// `setlocale` before ncurses starts, so that it writes UTF-8. A box whose locale is
    /// unset or plain C still gets wide characters through C.UTF-8.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    public var width: Int { Int(baton_window_cols(UnsafeMutableRawPointer(window))) }
    public var height: Int { Int(baton_window_rows(UnsafeMutableRawPointer(window))) }

    public func draw(_ grid: ScreenGrid) {
        guard !closed else { return }
        set_term(screen)
        let reuse = previous.map { $0.width == grid.width && $0.height == grid.height } ?? false
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if reuse, let previous, previous[x, y] == cell, (x + 1 >= grid.width || previous[x + 1, y] == grid[x + 1, y]) { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets what is on the terminal, so that the next draw sends every cell.
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var scalars = Array(cell.text.unicodeScalars.map(\.value))
        // ncurses measures with the C library's wcwidth; when it disagrees with ours the
        // glyph would push the row sideways, so draw a stand-in of the width we planned.
        let libcWidth = Int(baton_wcwidth(scalars.first ?? 32))
        if libcWidth != cell.width {
            scalars = cell.width == 2 ? [0xFF1F] : [0x3F]  // fullwidth "？" or "?"
        } else if scalars.count > 1 {
            // Keep the base and its combining marks; drop joiners and what follows them.
            scalars = [scalars[0]] + scalars.dropFirst().prefix { baton_wcwidth($0) == 0 && $0 != 0x200D }.prefix(4)
        }
        var attributes = baton_attr_normal()
        let style = cell.style
        if style.bold { attributes |= baton_attr_bold() }
        if style.reverse { attributes |= baton_attr_reverse() }
        if style.underline { attributes |= baton_attr_underline() }
        if style.dim { attributes |= baton_attr_dim() }
        let pair = usesColor ? colorPair(style.foreground, style.background) : 0
        _ = scalars.withUnsafeBufferPointer { buffer in
            baton_put_cell(UnsafeMutableRawPointer(window), Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), attributes, pair)
        }
    }

    private func colorPair(_ foreground: ThemeColor, _ background: ThemeColor) -> Int16 {
        if foreground == .terminalDefault && background == .terminalDefault { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let pair = pairs[key] { return pair }
        let next = Int16(pairs.count + 1)
        guard Int(next) < Int(baton_color_pairs()) else { return 0 }
        init_pair(next, number(foreground), number(background))
        pairs[key] = next
        return next
    }

    /// The color as this terminal can show it: 256-color indexes fold onto 8 or 16 colors.
    private func number(_ color: ThemeColor) -> Int16 {
        guard case .indexed(let index) = color else { return -1 }
        if index < colorCount { return Int16(index) }
        if index < 16 { return Int16(index % 8) }
        if index >= 232 { return index < 244 ? 0 : 7 }  // the gray ramp: dark or light
        let cube = index - 16
        let red = cube / 36, green = cube / 6 % 6, blue = cube % 6
        let bits = (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
        return Int16(bits)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !closed else { return nil }
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == ERR {
            // A resize whose SIGWINCH ncurses missed (it came while we were busy) still counts.
            return baton_poll_resize(outputDescriptor) == 1 ? .resize : nil
        }
        if result == KEY_CODE_YES { return Self.functionKey(Int32(code)) }
        return Self.characterKey(UInt32(code))
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case baton_key_resize(): return .resize
        default: return nil
        }
    }

    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x09: return .tab
        case 0x01...0x1A: return .control(Character(UnicodeScalar(code + 0x60)!))
        default:
            guard let scalar = UnicodeScalar(code), code >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Leaves curses mode for the editor and comes back to a screen redrawn in full: the
    /// editor drew over everything, so nothing of the last grid can be trusted.
    public func suspend(_ body: () -> Void) {
        guard !closed else { return body() }
        set_term(screen)
        def_prog_mode()
        curs_set(1)
        endwin()
        body()
        reset_prog_mode()
        curs_set(0)
        invalidate()
        refresh()
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        set_term(screen)
        curs_set(1)
        endwin()
        delscreen(screen)
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case cannotStart(String)
    /// ncurses knows the type but cannot draw a screen on it (no cursor addressing).
    case cannotDrive(String)

    public var description: String {
        switch self {
        case .cannotStart(let type): return "cannot start the terminal: ncurses does not know terminal type \"\(type)\" (set TERM)"
        case .cannotDrive(let type):
            return "cannot draw on terminal type \"\(type)\": it cannot move the cursor; run baton in a full terminal (TERM=xterm-256color, tmux-256color), or use the commands (baton conv list, baton conv show)"
        }
    }
}
