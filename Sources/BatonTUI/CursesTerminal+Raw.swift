import Foundation

extension CursesTerminal {
    /// Writes bytes that are no cells (a desktop notification's OSC sequence) straight to the
    /// terminal, after what ncurses has drawn. The caller makes the text safe (AlertOSC).
    public func sendRaw(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in write(outputDescriptor, buffer.baseAddress! + offset, buffer.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
