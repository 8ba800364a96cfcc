import Foundation
import XCTest
@testable import BatonCore

/// The export, read back with a small RFC 5545 reader written here: octets split at CRLF,
/// continuation lines unfolded, properties split into name, parameters and value, TEXT unescaped.
final class ICalendarTests: XCTestCase {
    // MARK: a small RFC 5545 reader

    private struct Property: Equatable {
        var name: String
        var parameters: String
        var value: String
    }

    private struct Event {
        var properties: [String: String] = [:]
    }

    /// The physical lines as octets; fails on a CR or LF that is not part of a CRLF, or a missing final CRLF.
    private func physicalLines(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            if byte == 0x0D || byte == 0x0A { XCTFail("bare \(byte == 0x0D ? "CR" : "LF") at octet \(index)", file: file, line: line) }
            current.append(byte)
            index += 1
        }
        XCTAssertTrue(current.isEmpty, "the last line does not end in CRLF", file: file, line: line)
        return lines
    }

    /// Unfolds (a line starting with a space or tab continues the one before) and splits each content line.
    private func read(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Property] {
        var logical: [[UInt8]] = []
        for physical in physicalLines(text, file: file, line: line) {
            XCTAssertLessThanOrEqual(physical.count, 75, "a line of \(physical.count) octets", file: file, line: line)
            XCTAssertNotNil(String(validating: physical, as: UTF8.self), "a fold split a UTF-8 character: \(physical)", file: file, line: line)
            if let first = physical.first, first == 0x20 || first == 0x09 {
                XCTAssertFalse(logical.isEmpty, "a continuation line first", file: file, line: line)
                logical[logical.count - 1] += physical.dropFirst()
            } else {
                logical.append(physical)
            }
        }
        return logical.map { bytes in
            let content = String(decoding: bytes, as: UTF8.self)
            guard let colon = content.firstIndex(of: ":") else {
                XCTFail("no colon in \(content)", file: file, line: line)
                return Property(name: content, parameters: "", value: "")
            }
            let head = content[..<colon]
            let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parameters = head.contains(";") ? String(head[head.index(after: head.firstIndex(of: ";")!)...]) : ""
            return Property(name: name.uppercased(), parameters: parameters, value: String(content[content.index(after: colon)...]))
        }
    }

    private func events(_ properties: [Property], file: StaticString = #filePath, line: UInt = #line) -> [Event] {
        var events: [Event] = []
        var current: Event?
        for property in properties {
            switch (property.name, property.value) {
            case ("BEGIN", "VEVENT"):
                XCTAssertNil(current, "nested VEVENT", file: file, line: line)
                current = Event()
            case ("END", "VEVENT"):
                if let event = current { events.append(event) } else { XCTFail("END without BEGIN", file: file, line: line) }
                current = nil
            default:
                if current != nil {
                    XCTAssertNil(current?.properties[property.name], "\(property.name) twice in one VEVENT", file: file, line: line)
                    current?.properties[property.name] = property.value
                }
            }
        }
        XCTAssertNil(current, "an unterminated VEVENT", file: file, line: line)
        return events
    }

    /// TEXT values (RFC 5545 3.3.11): \\ \; \, and \n or \N.
    private func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "n", "N": out += "\n"
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                XCTAssertFalse(character == ";" || character == ",", "an unescaped \(character) in \(value)")
                out.append(character)
            }
        }
        XCTAssertFalse(escaping, "a dangling backslash in \(value)")
        return out
    }

    /// UTC basic format by Foundation's formatter: "20260112T060000Z".
    private func basic(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    // MARK: fixtures

    private let rotation = Rotation(regions: [
        Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben", "chiara"]),
        Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"]),
    ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)),
    overrides: [Override(engineer: "ana", replaces: "ben", start: utc("2026-01-13T09:00:00Z"), end: utc("2026-01-13T11:00:00Z"))])

    private let stamp = utc("2026-01-10T08:15:42Z")

    private func export(_ shifts: [Shift], stamp: Date? = nil, engineer: @escaping (String) -> String = { $0.capitalized },
                        region: @escaping (String) -> String = { ["europe": "Europe", "us": "US"][$0] ?? $0 }) -> String {
        ICalendar.export(shifts, stamp: stamp ?? self.stamp, engineerName: engineer, regionName: region)
    }

    // MARK: tests

    func testOneEventPerShiftWithUTCTimes() {
        let shifts = rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-19T00:00:00Z"))
        XCTAssertEqual(shifts.count, 12, "ten shifts, one split in three by the override")
        let text = export(shifts)
        let properties = read(text)
        XCTAssertEqual(properties.first, Property(name: "BEGIN", parameters: "", value: "VCALENDAR"))
        XCTAssertEqual(properties.last, Property(name: "END", parameters: "", value: "VCALENDAR"))
        XCTAssertEqual(properties.first { $0.name == "VERSION" }?.value, "2.0")
        XCTAssertFalse(properties.first { $0.name == "PRODID" }?.value.isEmpty ?? true)
        let events = events(properties)
        XCTAssertEqual(events.count, shifts.count)
        for (event, shift) in zip(events, shifts) {
            XCTAssertEqual(event.properties["DTSTART"], basic(shift.start))
            XCTAssertEqual(event.properties["DTEND"], basic(shift.end))
            XCTAssertEqual(event.properties["DTSTAMP"], "20260110T081542Z")
            for key in ["DTSTART", "DTEND", "DTSTAMP"] {
                XCTAssertNotNil(event.properties[key]?.range(of: #"^[0-9]{8}T[0-9]{6}Z$"#, options: .regularExpression), key)
            }
            let name = shift.engineer!.capitalized
            let region = shift.region == "us" ? "US" : "Europe"
            XCTAssertEqual(event.properties["SUMMARY"].map(unescape), "On call: \(name) (\(region))" + (shift.isOverride ? " (override)" : ""))
        }
        XCTAssertEqual(events[0].properties["DTSTART"], "20260112T060000Z")
        XCTAssertEqual(events[1].properties["DTEND"], "20260113T010000Z")
        XCTAssertEqual(events.filter { $0.properties["SUMMARY"]?.contains("(override)") == true }.count, 1)
    }

    func testUIDsAreUniqueAndStableAcrossExports() {
        let first = events(read(export(rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-19T00:00:00Z")))))
        let uids = first.compactMap { $0.properties["UID"] }
        XCTAssertEqual(uids.count, first.count)
        XCTAssertEqual(Set(uids).count, uids.count, "UIDs are unique")
        // A later export, another stamp, an overlapping window: the shared shifts keep their UIDs.
        let second = events(read(export(rotation.shifts(from: utc("2026-01-14T00:00:00Z"), to: utc("2026-01-26T00:00:00Z")), stamp: utc("2026-01-13T00:00:00Z"))))
        var byStart: [String: String] = [:]
        for event in first { byStart[event.properties["DTSTART"]!] = event.properties["UID"] }
        var shared = 0
        for event in second {
            guard let uid = byStart[event.properties["DTSTART"]!] else { continue }
            XCTAssertEqual(event.properties["UID"], uid)
            shared += 1
        }
        XCTAssertEqual(shared, 7, "from Tuesday's US shift, running past midnight, to Friday's")
        let all = (first + second).compactMap { $0.properties["UID"] }
        XCTAssertEqual(Set(all).count, first.count + second.count - shared)
    }

    func testLongMultibyteNamesAreFoldedWithoutSplittingACharacter() {
        let shifts = rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-13T00:00:00Z"))
        // Two-, three- and four-octet characters in every position relative to the 75-octet boundary.
        for pad in 0..<8 {
            let long = String(repeating: "x", count: pad) + "Zoë Ñúñez-Çelik 東京サポートチーム 🚀🛰️ " + String(repeating: "é東🚀", count: 20)
            let text = export(shifts, engineer: { _ in long }, region: { "Région d’Amérique du Nord — 北米 " + $0 })
            let events = events(read(text))
            XCTAssertEqual(events.count, shifts.count)
            for (event, shift) in zip(events, shifts) {
                XCTAssertEqual(event.properties["SUMMARY"].map(unescape), "On call: \(long) (Région d’Amérique du Nord — 北米 \(shift.region))")
            }
            XCTAssertGreaterThan(physicalLines(text).filter { $0.first == 0x20 }.count, 2 * shifts.count, "folding happened")
        }
    }

    func testFoldingAtExactly75Octets() {
        XCTAssertEqual(ICalendar.fold(String(repeating: "a", count: 75)), String(repeating: "a", count: 75))
        XCTAssertEqual(ICalendar.fold(String(repeating: "a", count: 76)), String(repeating: "a", count: 75) + "\r\n a")
        XCTAssertEqual(ICalendar.fold(String(repeating: "a", count: 74) + "é"), String(repeating: "a", count: 74) + "\r\n é",
                       "a two-octet character that would end at octet 76 moves whole to the next line")
        let long = ICalendar.fold(String(repeating: "b", count: 75 + 74 + 1))
        XCTAssertEqual(long, String(repeating: "b", count: 75) + "\r\n " + String(repeating: "b", count: 74) + "\r\n b")
    }

    func testSummaryEscapesCommaSemicolonBackslashAndNewline() {
        let shifts = rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-12T10:00:00Z"))
        let name = "Smith, Jo; \\ops\\\nsecond line"
        let text = export(shifts, engineer: { _ in name })
        let properties = read(text)
        let summary = events(properties).first?.properties["SUMMARY"]
        XCTAssertEqual(summary, "On call: Smith\\, Jo\\; \\\\ops\\\\\\nsecond line (Europe)")
        XCTAssertEqual(summary.map(unescape), "On call: \(name) (Europe)")
        XCTAssertFalse(properties.contains { $0.name == "SECOND LINE (EUROPE)" })
    }

    func testACarriageReturnInANameCannotBreakALine() {
        // A name with a bare CR, or CRLF, must not inject a property into the calendar.
        let shifts = rotation.shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-12T10:00:00Z"))
        for name in ["Jo\rDTEND:19700101T000000Z", "Jo\r\nDTEND:19700101T000000Z"] {
            let text = export(shifts, engineer: { _ in name })
            let events = events(read(text))
            XCTAssertEqual(events.first?.properties["DTEND"], "20260112T140000Z", name.debugDescription)
            XCTAssertEqual(events.first?.properties["SUMMARY"].map(unescape), "On call: Jo\nDTEND:19700101T000000Z (Europe)", name.debugDescription)
        }
    }

    func testAShiftWithoutAnEngineerAndNoShifts() {
        let empty = export([])
        XCTAssertEqual(events(read(empty)).count, 0)
        XCTAssertTrue(empty.hasPrefix("BEGIN:VCALENDAR\r\n"))
        XCTAssertTrue(empty.hasSuffix("END:VCALENDAR\r\n"))
        let nobody = Shift(region: "us", engineer: nil, start: utc("2026-01-12T14:00:00Z"), end: utc("2026-01-13T01:00:00Z"))
        XCTAssertEqual(events(read(export([nobody]))).first?.properties["SUMMARY"], "On call: nobody (US)")
    }
}
