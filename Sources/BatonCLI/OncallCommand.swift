import ArgumentParser
import BatonCore
import Foundation

/// `baton oncall`: who holds point now, and when and to whom it passes next.
struct OncallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall", abstract: "Who holds point now, in every region's time and yours, and when it passes next.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print a JSON object with `point` and `next` shifts.") var json = false

    func run() throws {
        try reportingFailures {
            let context = try Context.load(options)
            let now = Clock.now()
            let rotation = try context.store.rotationWithOverrides(context.team.rotation)
            guard !rotation.regions.isEmpty else { throw Failure(description: "\(context.configPath) has no [[region]]; nobody holds point") }
            let point = PointStatus(rotation: rotation, at: now)
            let current = point.current
            let next = rotation.nextHandoff(after: now)
            if json {
                print(try JSONOutput.encode(OncallJSON(now: now, point: current, next: next?.incoming)))
                return
            }
            let text = RotationText(team: context.team, viewerZone: .current)
            if let current {
                print("point     \(text.who(current)), since \(text.regionTime(current.start, of: current.region))")
            } else {
                let since = rotation.wholeGaps(from: now, to: now.addingTimeInterval(1)).first?.start
                print("point     nobody holds point now (a gap in the rotation" + (since.map { " since " + CalendarText.dayAndTime($0, in: .current) + " " + TimeZone.current.identifier } ?? "") + ")")
            }
            if let current, let gap = point.gapAt {
                let gapEnd = rotation.shifts(from: gap, to: gap.addingTimeInterval(14 * 86_400)).first?.start
                let length = gapEnd.map { " for " + DurationText.compact(Int64($0.timeIntervalSince(gap))) } ?? ""
                print("until     \(text.regionTime(gap, of: current.region)), then nobody holds point\(length)")
            }
            if let next {
                let left = Int64(next.at.timeIntervalSince(now).rounded(.up))
                print("next      \(text.who(next.incoming)), in \(DurationText.compact(left))")
            } else {
                print("next      no handoff in the next five weeks")
            }
            print("")
            print(text.headerRow)
            print(text.row("now", now))
            // After a gap nobody hands point over: the incoming engineer takes it.
            if let next { print(text.row(next.followsAGap ? "takes point" : "handoff", next.at)) }
        }
    }
}

struct OncallJSON: Encodable {
    var now: Date
    var point: Shift?
    var next: Shift?
    enum Keys: String, CodingKey { case now, point, next }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(CalendarText.rfc3339(now), forKey: .now)
        try container.encode(point.map(ShiftJSON.init), forKey: .point)
        try container.encode(next.map(ShiftJSON.init), forKey: .next)
    }
}
