/// Where the screen goes. The ncurses implementation drives a real terminal; the
/// in-memory one lets tests read what would be shown.
public protocol Terminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Puts the grid on the terminal; only what changed since the last grid needs sending.
    func draw(_ grid: ScreenGrid)
    /// The next key, waiting at most `timeoutMilliseconds`; nil when none came.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal to another program (the editor) while `body` runs, then takes it back.
    func suspend(_ body: () -> Void)
}

/// A terminal in memory: keys are queued by the test, frames are kept for it to read.
public final class MemoryTerminal: Terminal {
    public var width: Int
    public var height: Int
    public var pendingKeys: [Key] = []
    public private(set) var frames: [ScreenGrid] = []
    /// How many times the terminal was handed to another program.
    public private(set) var suspensions = 0

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var lastFrame: ScreenGrid? { frames.last }

    public func draw(_ grid: ScreenGrid) { frames.append(grid) }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func suspend(_ body: () -> Void) {
        suspensions += 1
        body()
    }
}
