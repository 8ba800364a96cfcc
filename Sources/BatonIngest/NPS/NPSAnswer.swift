import Foundation

/// One survey answer: when, who, a score from 0 to 10, and what they wrote.
public struct NPSAnswer: Equatable, Sendable {
    public var time: Date
    public var email: String
    public var score: Int
    public var comment: String
    /// The CSV line it came from, for error messages.
    public var line: Int

    /// Reads a CSV of (time, email, score, comment). A header row naming those columns may
    /// put them in any order; without one, that order is assumed. Bad rows are returned as
    /// problems ("line 7: score \"11\" is not 0 to 10") and the rest is read.
    public static func parse(csv text: String) -> (answers: [NPSAnswer], problems: [String]) {
        // Strict RFC 4180: every row that reads is kept, every one that does not is named.
        let (records, csvProblems) = CSVReader.records(text)
        var columns = ["time": 0, "email": 1, "score": 2, "comment": 3]
        var rows = records[...]
        if let header = records.first, header.fields.contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "email" }) {
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            for name in columns.keys {
                guard let index = names.firstIndex(of: name) else {
                    return ([], ["line 1: the header has no \"\(name)\" column; expected time, email, score, comment"])
                }
                columns[name] = index
            }
            rows = rows.dropFirst()
        }
        var answers: [NPSAnswer] = []
        var problems = csvProblems
        let columnCount = rows.startIndex > records.startIndex ? records[records.startIndex].fields.count : 4
        for record in rows {
            guard record.fields.count <= columnCount else {
                problems.append("line \(record.line): \(record.fields.count) fields, more than the \(columnCount) columns; a comma in a comment needs the comment in quotes")
                continue
            }
            func field(_ name: String) -> String? {
                let index = columns[name]!
                return index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : nil
            }
            guard let timeText = field("time"), let email = field("email"), let scoreText = field("score") else {
                problems.append("line \(record.line): \(record.fields.count) columns; expected time, email, score, comment")
                continue
            }
            guard let time = parseTime(timeText) else {
                problems.append("line \(record.line): time \"\(timeText.prefix(40))\" is not an ISO 8601 time like 2026-11-23T14:00:00Z")
                continue
            }
            guard email.contains("@"), !email.contains(" ") else {
                problems.append("line \(record.line): \"\(email.prefix(60))\" is not an email address")
                continue
            }
            guard let score = Int(scoreText), (0...10).contains(score) else {
                problems.append("line \(record.line): score \"\(scoreText.prefix(20))\" is not a whole number from 0 to 10")
                continue
            }
            answers.append(NPSAnswer(time: time, email: email, score: score, comment: field("comment") ?? "", line: record.line))
        }
        return (answers, problems)
    }

    /// "2026-11-23T14:00:00Z", with an offset or fractional seconds, or "2026-11-23 14:00" (UTC).
    static func parseTime(_ text: String) -> Date? {
        var value = text.replacingOccurrences(of: " ", with: "T")
        if value.count == 16 { value += ":00" }
        if value.count == 19 { value += "Z" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var date = formatter.date(from: value)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = formatter.date(from: value)
        }
        // Years 1 to 9999 only: the store keeps whole seconds as a 64-bit integer.
        guard let date, date.timeIntervalSince1970.isFinite,
              (-62_135_596_800...253_402_300_799).contains(date.timeIntervalSince1970) else { return nil }
        return date
    }
}
