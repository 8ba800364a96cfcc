import BatonConfig
import BatonCore

/// A picker or a yes/no question, in a box over the current screen.
enum PromptView {
    static func draw(_ overlay: Overlay, theme: Theme, into grid: inout ScreenGrid) {
        switch overlay {
        case .confirm(let question, _):
            Box.draw(Box.Content(title: nil, lines: [(question, "")], footer: "y yes · any other key no"), theme: theme, into: &grid)
        case .picker(let picker):
            Box.draw(Box.Content(title: picker.title, lines: picker.options.map { ($0.label, $0.note) }, selected: picker.selected,
                                 footer: "j/k choose · ⏎ pick · Esc cancel"), theme: theme, into: &grid)
        case .help, .line:
            break
        }
    }
}
