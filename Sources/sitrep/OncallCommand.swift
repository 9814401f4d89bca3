import ArgumentParser
import Foundation
import IncidentRuntime
import OnCall
import SitrepApp
import SitrepCore

/// `sitrep oncall --config FILE [NAME] [--at TIME] [--days N]`: the shifts of one schedule (or every schedule)
/// from a time on, with the overrides stored so far.
struct OncallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall",
        abstract: "Print on-call shifts: who is on call when, from a time on, for a number of days.",
        discussion: """
            Times are printed on each schedule's own clock with the offset in force. --at takes an ISO 8601 \
            instant with its offset (2026-12-08T09:00:00+01:00, or Z) or a date (2026-12-08, midnight on the \
            schedule's clock); without it, now. Overrides come from the configured store.
            """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String
    @Argument(help: "The schedule; all of them when left out.")
    var name: String?
    @Option(help: "Start here instead of now.")
    var at: String?
    @Option(help: "How many days of shifts to print (1-366).")
    var days = 7

    func validate() throws {
        if !(1...366).contains(days) { throw ValidationError("--days must be from 1 to 366") }
    }

    func run() async throws {
        let loaded = try StoreAccess.config(config, secrets: .store)
        let schedules = loaded.schedules
        guard !schedules.byName.isEmpty else { return try fail("no on-call schedules in \(config); add them under schedules:") }
        if let name, schedules.byName[name] == nil {
            return try fail("unknown schedule \(name); known: \(schedules.names.joined(separator: ", "))")
        }
        let names = name.map { [$0] } ?? schedules.names
        let store = try await StoreAccess.open(loaded)
        let now = StoreAccess.now()
        var output = ""
        for scheduleName in names {
            guard let schedule = schedules.byName[scheduleName] else { continue }
            var from = now
            if let at {
                guard let parsed = OnCallListing.instant(at, clock: schedule.clock) else {
                    return try fail("--at is an ISO 8601 instant like 2026-12-08T09:00:00+01:00 or a date like 2026-12-08")
                }
                from = parsed
            }
            // Days of the schedule's calendar: the same wall-clock time `days` later, across DST changes.
            let to = schedule.clock.instant(at: schedule.clock.wallClock(at: from).adding(seconds: Int64(days) * 86_400))
            let overrides = try await store.onCallOverrides(schedule: scheduleName, endingAfter: from)
            output += OnCallListing.text(schedule, shifts: schedule.shifts(from: from, to: to, overrides: overrides))
        }
        print(output, terminator: "")
    }

    /// `reason` on standard error, and exit status 1.
    private func fail(_ reason: String) throws {
        StoreAccess.printError("sitrep oncall: \(reason)")
        throw ExitCode.failure
    }
}
