/// A key press, as the event loop sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)  // Ctrl-L is .control("l")
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    case resize
}
