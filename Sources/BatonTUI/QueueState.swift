import BatonCore

/// The queue screen's state: the visible window of rows, the selection, the view, the
/// filter and the marks.
/// Indexes are absolute positions in the whole (filtered) queue; `rows` holds only the
/// window that starts at `top`, because the store is asked for no more than that.
public struct QueueState: Equatable, Sendable {
    public var rows: [QueueRow] = []
    /// How many conversations match, in all.
    public var total: Int = 0
    public var top: Int = 0
    public var selected: Int = 0
    /// Text typed after `/`, in the filter language (see `QueueFilter`).
    public var filter: String = ""
    /// Which of `AppState.views` is shown (0: all open).
    public var view: Int = 0
    /// Rows marked with `v`, by id, with the version each was marked at: c, a, s and t act
    /// on all of them, and refuse any that changed since.
    public var marks: [Int64: Int] = [:]

    public init() {}

    /// The marked rows, or the selected one when none is marked: what an action is aimed at.
    public var targets: [Target] {
        if !marks.isEmpty { return marks.map { Target(id: $0.key, version: $0.value) }.sorted { $0.id < $1.id } }
        return selectedRow.map { [Target(id: $0.id, version: $0.version)] } ?? []
    }

    public var selectedRow: QueueRow? {
        let index = selected - top
        return rows.indices.contains(index) ? rows[index] : nil
    }

    /// Moves the selection by `delta`, keeping it on screen. Returns whether the window
    /// moved, in which case its rows must be fetched again.
    public mutating func move(by delta: Int, visible: Int) -> Bool {
        select(selected + delta, visible: visible)
    }

    public mutating func select(_ index: Int, visible: Int) -> Bool {
        selected = max(0, min(index, total - 1))
        if total == 0 { selected = 0 }
        return scrollToSelection(visible: visible)
    }

    /// Keeps the selection within [top, top + visible). Returns whether `top` changed.
    public mutating func scrollToSelection(visible: Int) -> Bool {
        let old = top
        let rowsOnScreen = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + rowsOnScreen { top = selected - rowsOnScreen + 1 }
        top = max(0, min(top, max(0, total - rowsOnScreen)))
        return top != old
    }

    /// After a refetch: keep the selection on the same conversation if it is still in the
    /// window, otherwise on the same position.
    public mutating func replaceWindow(rows newRows: [QueueRow], total newTotal: Int, keeping id: Int64?) {
        rows = newRows
        total = newTotal
        if let id, let index = newRows.firstIndex(where: { $0.id == id }) {
            selected = top + index
        }
        selected = max(0, min(selected, total - 1))
    }
}
