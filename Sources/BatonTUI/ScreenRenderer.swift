import BatonConfig

/// The screen as a function of state: the same state always draws the same grid.
public enum ScreenRenderer {
    public static func render(_ state: AppState, theme: Theme, width: Int, height: Int) -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height, style: theme[.normal])
        let layout = Layout(width: width, height: height)
        guard width >= 20, height >= 6 else {
            grid.put("baton: make the terminal larger", x: 0, y: 0, style: theme[.notice])
            return grid
        }
        switch state.screen {
        case .queue: QueueView.draw(state, theme: theme, layout: layout, into: &grid)
        case .conversation(let open): ConversationView.draw(state, conversation: open, theme: theme, layout: layout, into: &grid)
        case .rotation(let rotation): RotationView.draw(state, rotation: rotation, theme: theme, into: &grid)
        case .handoff(let handoff): HandoffView.draw(state, handoff: handoff, theme: theme, into: &grid)
        case .metrics(let metrics): MetricsView.draw(state, metrics: metrics, theme: theme, into: &grid)
        }
        switch state.overlay {
        case .help(let scroll): HelpView.draw(state, scroll: scroll, theme: theme, into: &grid)
        case let overlay?: PromptView.draw(overlay, theme: theme, into: &grid)
        case nil: break
        }
        return grid
    }
}
