/// RFC 4180 CSV, read strictly: fields split by commas; a field that starts with a quote
/// is quoted, and may hold commas, line breaks and doubled quotes; a quote anywhere else,
/// text after a closing quote, or a quote never closed is a problem. Each record comes
/// with the line it starts on, and each problem names its line.
///
/// A problem costs only the record it is in: reading starts again on the line after that
/// record's first, so a stray quote cannot fold the rows after it into one field, and an
/// unclosed quote on the last line keeps every row before it. A record whose quoted field
/// ran over several lines and came out with another number of fields than the first
/// record is a fold too (a stray quote that happened to close on a later row's comma),
/// and is read again the same way.
public enum CSVReader {
    public struct Record: Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Every record that could be read, in order, and a sentence for each that could not
    /// ("line 7: a quote inside a field that does not start with one").
    public static func records(_ text: String) -> (records: [Record], problems: [String]) {
        let bytes = Array(text.utf8)
        var records: [Record] = []
        var problems: [String] = []
        var offset = 0
        var line = 1
        var expectedFields: Int?
        // A quote opened after the last one in the text is never closed: known at once, so
        // a file of lines that each open a quote is not read to its end from every line.
        let lastQuote = bytes.lastIndex(of: quote) ?? -1
        while offset < bytes.count {
            switch record(bytes, from: offset, lastQuote: lastQuote) {
            case let .read(fields, end, lines):
                if lines > 1, let expected = expectedFields, fields.count != expected {
                    problems.append("line \(line): a quoted field runs to line \(line + lines - 1) and the row has \(fields.count) fields, not \(expected): a stray quote? The row is left out and the lines after it are read as rows")
                } else {
                    if !(fields.count == 1 && fields[0].isEmpty) {
                        records.append(Record(line: line, fields: fields))
                        if expectedFields == nil { expectedFields = fields.count }
                    }
                    offset = end
                    line += lines
                    continue
                }
            case let .problem(why, at):
                // `at` counts the record's own lines from 1.
                problems.append(at == 1 ? "line \(line): \(why)" : "line \(line): \(why) (at line \(line + at - 1))")
            }
            // Left out: read on from the line after the record's first.
            guard let newline = bytes[offset...].firstIndex(of: 0x0A) else { break }
            offset = newline + 1
            line += 1
        }
        return (records, problems)
    }

    enum Outcome {
        /// The fields, where the next record starts, and how many lines this one took.
        case read([String], end: Int, lines: Int)
        /// What is wrong, and on which of the record's lines (the first is 1).
        case problem(String, line: Int)
    }

    /// One record from `start` to its line end (or the end of the text).
    static func record(_ bytes: [UInt8], from start: Int, lastQuote: Int) -> Outcome {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = start
        var lines = 1
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while true {
            // The start of a field.
            if index < bytes.count, bytes[index] == quote {
                let opened = lines
                index += 1
                while true {
                    guard index < bytes.count, index <= lastQuote else { return .problem("a quoted field is never closed", line: opened) }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote { field.append(quote); index += 2; continue }
                        index += 1
                        break
                    }
                    if byte == newline { lines += 1 }
                    field.append(byte)
                    index += 1
                }
                // After a closing quote: a comma, the line end, or the end of the text.
                if index < bytes.count, bytes[index] == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == newline { index += 1 }
                if index < bytes.count, bytes[index] != comma, bytes[index] != newline {
                    return .problem("text after the closing quote of a field; a quote inside a field is written twice (\"\")", line: lines)
                }
            } else {
                while index < bytes.count, bytes[index] != comma, bytes[index] != newline {
                    if bytes[index] == quote {
                        return .problem("a quote inside a field that does not start with one; quote the whole field and write the quote twice (\"\")", line: lines)
                    }
                    // A CR belongs to the CRLF line end (or is stray): never to the field.
                    if bytes[index] != carriageReturn { field.append(bytes[index]) }
                    index += 1
                }
            }
            finishField()
            guard index < bytes.count else { return .read(fields, end: index, lines: lines) }
            if bytes[index] == newline { return .read(fields, end: index + 1, lines: lines) }
            index += 1  // the comma
        }
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
}
