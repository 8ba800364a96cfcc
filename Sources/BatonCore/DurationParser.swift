import Foundation

/// Reads durations as the config writes them: "30m", "1h", "1h30m", "1d", "1w", "45s".
public enum DurationParser {
    public static func seconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number = ""
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int64(number) else { return nil }
            let unit: Int64
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3_600
            case "d": unit = 86_400
            case "w": unit = 7 * 86_400
            default: return nil
            }
            // A duration too large for Int64 is not a duration, not a crash.
            let (scaled, productOverflow) = value.multipliedReportingOverflow(by: unit)
            let (sum, sumOverflow) = total.addingReportingOverflow(scaled)
            guard !productOverflow, !sumOverflow else { return nil }
            total = sum
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}
