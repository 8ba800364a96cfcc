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
        if let handoff = state.handoff {
            HandoffView.draw(state, handoff: handoff, theme: theme, into: &grid)
        } else if let rotation = state.rotation {
            RotationView.draw(state, rotation: rotation, theme: theme, into: &grid)
        } else if let conversation = state.conversation {
            ConversationView.draw(state, conversation: conversation, theme: theme, layout: layout, into: &grid)
        } else {
            QueueView.draw(state, theme: theme, layout: layout, into: &grid)
        }
        if let prompt = state.ownership.prompt { PromptView.draw(prompt, theme: theme, into: &grid) }
        if state.showHelp { HelpView.draw(theme: theme, scroll: state.helpScroll, into: &grid) }
        return grid
    }
}
