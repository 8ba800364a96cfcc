import Foundation

/// One thing the terminal shows: a grapheme made safe to print, and the columns it takes.
public struct Glyph: Equatable, Sendable {
    public var text: String
    public var width: Int

    public init(_ text: String, width: Int) {
        self.text = text
        self.width = width
    }
}

/// Text from customers made safe for a terminal, and measured in columns.
///
/// Anything a customer wrote may hold escape sequences, control characters, bidi
/// overrides and wide characters. Controls become visible caret or hex escapes, bidi
/// and other invisible format characters are dropped, and every glyph knows its width,
/// so nothing reaches the terminal raw and nothing shifts the layout.
public enum TerminalText {
    /// Splits a single line of text into printable glyphs. Newlines and tabs become spaces.
    public static func glyphs(_ text: String) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.utf8.count)
        for character in text {
            appendGlyphs(of: character, to: &result)
        }
        return result
    }

    /// `glyphs(text)` as the screen's cells draw them: where the C library's wcwidth (which
    /// ncurses measures with) disagrees with a grapheme cluster's width, the cluster becomes
    /// stand-ins that keep both its meaning and its columns. An emoji asked for with U+FE0F
    /// (⚠️ ❤️ ✈️ ✔️, one column to wcwidth) is its base symbol and a space; a flag (two
    /// regional indicators, one column each to wcwidth) is its two letters (🇩🇪 → `DE`); a
    /// ZWJ sequence (👩‍💻) is its component emoji, side by side. Each glyph's width is then
    /// what glibc's wcwidth says of its first scalar (checked by CursesTerminalTextTests).
    /// `conv show` and `--json` use `glyphs`, which keep the text as written.
    public static func screenGlyphs(_ text: String) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.utf8.count)
        for glyph in glyphs(text) {
            if glyph.text.utf8.count == 1 {
                result.append(glyph)
            } else {
                appendStandIns(for: glyph, to: &result)
            }
        }
        return result
    }

    /// The number of columns `text` takes once made safe.
    public static func width(_ text: String) -> Int {
        var total = 0
        for character in text {
            if character.isASCII, let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                total += 1
            } else {
                var glyphs: [Glyph] = []
                appendGlyphs(of: character, to: &glyphs)
                total += glyphs.reduce(0) { $0 + $1.width }
            }
        }
        return total
    }

    /// The text made safe, cut to at most `width` columns; a cut ends with "…".
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        // Linear, and it stops at the first glyph past `width`: a subject of 18 KB costs a row's worth.
        var out = ""
        var used = 0
        var cut: String.Index?  // where `out` ends when the text needs the "…"
        var glyphs: [Glyph] = []
        for character in text {
            glyphs.removeAll(keepingCapacity: true)
            appendGlyphs(of: character, to: &glyphs)
            for glyph in glyphs {
                if cut == nil && used + glyph.width > width - 1 { cut = out.endIndex }
                if used + glyph.width > width { return String(out[..<cut!]) + "…" }
                out += glyph.text
                used += glyph.width
            }
        }
        return out
    }

    /// The safe text padded with spaces (or cut) to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - self.width(cut)))
        return alignRight ? padding + cut : cut + padding
    }

    /// Splits text into lines of at most `width` columns, breaking at spaces where it can.
    /// Newlines (and the Unicode line and paragraph separators) start new lines; a blank
    /// line stays blank. A word wider than a line is cut across lines, unless
    /// `breakingWords` is false (text for a pipe: a URL must stay whole to be copied).
    public static func wrap(_ text: String, width: Int, breakingWords: Bool = true) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        let paragraphs = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\u{2028}" || $0 == "\u{2029}" }
        for paragraph in paragraphs {
            lines.append(contentsOf: wrapParagraph(String(paragraph), width: width, breakingWords: breakingWords))
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Linear in the paragraph, however long its words: widths are kept as running sums, never
    /// summed again over the line (a 240 KB line without a space took 26 s when they were).
    private static func wrapParagraph(_ paragraph: String, width: Int, breakingWords: Bool) -> [String] {
        let glyphs = glyphs(paragraph)
        if glyphs.isEmpty { return [""] }
        var lines: [String] = []
        // The line so far is glyphs[start..<end]; `lastSpace` is the index of its last space, if any.
        var start = 0
        var lineWidth = 0
        var lastSpace: Int? = nil
        var widthBeforeSpace = 0  // columns of glyphs[start..<lastSpace]
        func emit(_ range: Range<Int>) {
            var end = range.upperBound
            while end > range.lowerBound && glyphs[end - 1].text == " " { end -= 1 }
            var line = ""
            for index in range.lowerBound..<end { line += glyphs[index].text }
            lines.append(line)
        }
        for (index, glyph) in glyphs.enumerated() {
            if lineWidth + glyph.width > width {
                if glyph.text == " " {
                    emit(start..<index)
                    start = index + 1; lineWidth = 0; lastSpace = nil
                    continue
                }
                if let space = lastSpace, space > start {
                    emit(start..<space)
                    lineWidth -= widthBeforeSpace + glyphs[space].width
                    start = space + 1
                } else if breakingWords && index > start {
                    // (At the line's start there is nothing to emit: a glyph wider than the whole
                    // line, a ZWJ family in 4 columns, gets a line of its own, not an empty one before it.)
                    emit(start..<index)
                    start = index; lineWidth = 0
                }
                lastSpace = nil
            }
            if glyph.text == " " { lastSpace = index; widthBeforeSpace = lineWidth }
            lineWidth += glyph.width
        }
        emit(start..<glyphs.count)
        return lines
    }

    private static func appendGlyphs(of character: Character, to result: inout [Glyph]) {
        // Printable ASCII, most of any text, as itself: the general path below cost a 240 KB
        // pasted log a microsecond a character.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            result.append(Glyph(String(character), width: 1))
            return
        }
        let scalars = character.unicodeScalars
        let first = scalars.first!
        let value = first.value
        if scalars.count == 1 || character == "\r\n" {
            // White space that moves the cursor (tabs, line and page breaks, and the Unicode
            // line and paragraph separators) is a plain space on one line.
            if value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0B || value == 0x0C || value == 0x2028 || value == 0x2029 {
                result.append(Glyph(" ", width: 1)); return
            }
            if value < 0x20 || value == 0x7F {
                // Caret notation, as less and cat -v show it: ESC is ^[.
                let caret = value == 0x7F ? "?" : String(UnicodeScalar(UInt8(value + 0x40)))
                result.append(Glyph("^", width: 1))
                result.append(Glyph(caret, width: 1))
                return
            }
            if (0x80...0x9F).contains(value) {
                let hex = String(value, radix: 16, uppercase: true)
                for piece in ["\\", "x"] + hex.map(String.init) { result.append(Glyph(piece, width: 1)) }
                return
            }
        }
        // Keep what draws: drop bidi controls and other invisible format characters,
        // except the joiner and variation selectors that shape emoji.
        var kept = String.UnicodeScalarView()
        for scalar in scalars where !isInvisible(scalar) {
            if (0x80...0x9F).contains(scalar.value) || scalar.value < 0x20 || scalar.value == 0x7F { continue }
            kept.append(scalar)
        }
        guard let base = kept.first else { return }
        if isCombining(base) {
            // A mark with nothing to sit on: show it on a dotted circle, as Unicode suggests.
            kept.insert("\u{25CC}", at: kept.startIndex)
        }
        result.append(Glyph(String(kept), width: clusterColumns(kept)))
    }

    /// A cluster's columns. A ZWJ sequence takes the columns of its components side by side:
    /// that is how baton draws it (ncurses cannot join them) and how terminals without the
    /// sequence's glyph show it, so the layout holds either way.
    static func clusterColumns(_ kept: String.UnicodeScalarView) -> Int {
        guard kept.contains("\u{200D}") else { return columns(of: kept.first!, presentation: kept) }
        let total = components(kept).reduce(0) { $0 + columns(of: $1.first!, presentation: $1) }
        return max(1, total)
    }

    /// The parts of a ZWJ sequence, joiners left out; parts that are only marks are dropped.
    static func components(_ kept: String.UnicodeScalarView) -> [String.UnicodeScalarView] {
        kept.split(separator: "\u{200D}").map { String.UnicodeScalarView($0) }.filter { !isCombining($0.first!) }
    }

    /// Regional indicators A to Z (U+1F1E6...U+1F1FF): pairs of them are flags.
    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    /// The cells `screenGlyphs` draws for one glyph; the same columns in all.
    private static func appendStandIns(for glyph: Glyph, to result: inout [Glyph]) {
        let scalars = glyph.text.unicodeScalars
        let first = scalars.first!
        if scalars.contains("\u{200D}") {
            // 👩‍💻 → 👩 💻: each component as a cluster of its own.
            for component in components(scalars) {
                appendStandIns(for: Glyph(String(component), width: columns(of: component.first!, presentation: component)), to: &result)
            }
            return
        }
        if isRegionalIndicator(first) {
            // 🇩🇪 → "DE": the letters the indicators stand for, one column each.
            var used = 0
            for scalar in scalars where isRegionalIndicator(scalar) && used < glyph.width {
                result.append(Glyph(String(UnicodeScalar(UInt8(scalar.value - 0x1F1E6 + 0x41))), width: 1))
                used += 1
            }
            for _ in used..<glyph.width { result.append(Glyph(" ", width: 1)) }
            return
        }
        if glyph.width == 2 && !isWide(first) {
            // ⚠️ → "⚠ ": wcwidth gives the base one column; the space keeps the second.
            var base = String.UnicodeScalarView([first])
            base.append(contentsOf: scalars.dropFirst().filter { !(0xFE00...0xFE0F).contains($0.value) })
            result.append(Glyph(String(base), width: 1))
            result.append(Glyph(" ", width: 1))
            return
        }
        result.append(glyph)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false  // joiner, variation selectors
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        default: return scalar.properties.generalCategory == .format
        }
    }

    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    static func columns(of base: Unicode.Scalar, presentation: String.UnicodeScalarView) -> Int {
        if isWide(base) { return 2 }
        // An emoji asked for in emoji presentation (U+FE0F) is drawn two columns wide.
        if presentation.contains("\u{FE0F}") && base.properties.isEmoji && base.value > 0xFF { return 2 }
        return 1
    }

    /// Whether a code point is East Asian Wide or Fullwidth: two columns.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        var low = 0
        var high = WideCharacterTable.ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = WideCharacterTable.ranges[mid]
            if value < range.lowerBound { high = mid - 1 } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}
