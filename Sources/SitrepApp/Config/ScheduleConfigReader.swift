import Foundation
import OnCall
import SitrepCore

/// Reads and checks `schedules:`, into ``SitrepConfig/Schedules``: named on-call schedules, each layers of rotations
/// on the wall clock of an IANA time zone.
enum ScheduleConfigReader {
    /// One schedule under `schedules:`.
    enum Key: String, CodingKey, CaseIterable {
        case timeZone = "time_zone"
        case layers
        case publicFeed = "public_feed"
    }

    /// One element of a schedule's `layers:`: a rotation and when it is in force.
    enum LayerKey: String, CodingKey, CaseIterable {
        case name, people, every, handoff, start, restrictions
    }

    /// One element of a layer's `restrictions:`.
    enum RestrictionKey: String, CodingKey, CaseIterable {
        case days, from, until
    }

    static let timeForm = "a time of day HH:MM like 09:00"
    static let dateForm = "a date YYYY-MM-DD like 2026-01-05"
    static let intervalForm = "a number of hours, days or weeks like 12h, 1d or 1w"

    /// The schedules; also records their names in `context` for `schedule:NAME` in `notify:` lists.
    static func read(_ entries: [(name: String, reader: ConfigReader<Key>?)]?, context: ConfigContext)
        -> SitrepConfig.Schedules
    {
        context.scheduleNames = (entries ?? []).map(\.name)
        var schedules = SitrepConfig.Schedules()
        for (name, schedule) in entries ?? [] {
            _ = context.checked(name, "schedules.\(name)", IRCNameRules.roleProblem)
            guard let schedule else { continue }
            schedules.byName[name] = self.schedule(schedule, name: name)
            if schedule.bool(.publicFeed) == true { schedules.publicFeeds.insert(name) }
        }
        return schedules
    }

    private static func schedule(_ schedule: ConfigReader<Key>, name: String) -> OnCallSchedule {
        let context = schedule.context
        let timeZone = schedule.string(.timeZone)
        let writtenLayers = schedule.elementMappings(LayerKey.self, .layers, expected: "a list of layers")

        let zonePath = schedule.path(.timeZone)
        var zone = TimeZone(identifier: "UTC")!
        var zoneName = "UTC"
        if let identifier = context.required(timeZone, zonePath) {
            zoneName = identifier
            if let known = TimeZone(identifier: identifier),
                identifier == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(identifier)
            {
                zone = known
            } else {
                context.report(zonePath, "unknown time zone \(IRCNameRules.quoted(identifier)); write an IANA name like Europe/Berlin or UTC")
            }
        }
        let layersPath = schedule.path(.layers)
        if writtenLayers?.isEmpty == true { context.report(layersPath, "must list at least one layer") }
        var layers: [OnCallLayer] = []
        var names: [String: Int] = [:]
        for (index, element) in (context.required(writtenLayers, layersPath) ?? []).enumerated() {
            let layerPath = "\(layersPath)[\(index)]"
            guard let element else {
                context.report(layerPath, "expected a mapping with people, every, handoff and start")
                continue
            }
            let layerName = element.string(.name) ?? "layer \(index + 1)"
            if let first = names[layerName] {
                element.report(.name, "duplicate of \(layersPath)[\(first)].name \(IRCNameRules.quoted(layerName))")
            }
            names[layerName] = names[layerName] ?? index
            if let layer = layer(element, name: layerName) { layers.append(layer) }
        }
        return OnCallSchedule(name: name, zone: zone, zoneName: zoneName, layers: layers)
    }

    private static func layer(_ layer: ConfigReader<LayerKey>, name: String) -> OnCallLayer? {
        let context = layer.context
        let writtenPeople = layer.stringList(.people)
        let every = layer.string(.every)
        let writtenHandoff = layer.string(.handoff)
        let writtenStart = layer.string(.start)
        let writtenRestrictions = layer.elementMappings(
            RestrictionKey.self, .restrictions, expected: "a list of restrictions")

        if let problem = IRCNameRules.freeTextProblem(name, allowEmpty: false) { layer.report(.name, problem) }
        let peoplePath = layer.path(.people)
        let entries = context.required(writtenPeople, peoplePath) ?? []
        if writtenPeople?.isEmpty == true { context.report(peoplePath, "must list at least one person") }
        let people = context.identities(entries, peoplePath)
        let interval = parsed(every, layer.path(.every), intervalForm, HandoffInterval.init, context)
        let handoff =
            writtenHandoff == nil
            ? TimeOfDay.midnight : parsed(writtenHandoff, layer.path(.handoff), timeForm, TimeOfDay.init, context)
        let start = parsed(writtenStart, layer.path(.start), dateForm, LocalDate.init, context)
        let restrictions = (writtenRestrictions ?? []).enumerated().compactMap { index, element in
            restriction(element, "\(layer.path(.restrictions))[\(index)]", context)
        }
        guard let interval, let handoff, let start, !people.isEmpty, people.count == entries.count else { return nil }
        return OnCallLayer(
            name: name, people: people, interval: interval, start: WallClock(date: start, time: handoff),
            restrictions: restrictions)
    }

    private static func restriction(
        _ restriction: ConfigReader<RestrictionKey>?, _ keyPath: String, _ context: ConfigContext
    ) -> OnCallRestriction? {
        guard let restriction else {
            context.report(keyPath, "expected a mapping with days, from and until")
            return nil
        }
        let writtenDays = restriction.stringList(.days)
        let writtenFrom = restriction.string(.from)
        let writtenUntil = restriction.string(.until)
        var days = Set<Weekday>()
        for (index, entry) in (writtenDays ?? []).enumerated() {
            guard let entry, let day = Weekday(name: entry) else {
                let got = entry.map { ", got \(IRCNameRules.quoted($0))" } ?? ""
                context.report("\(keyPath).days[\(index)]", "expected a weekday like mon or monday\(got)")
                continue
            }
            days.insert(day)
        }
        if writtenDays?.isEmpty == true {
            restriction.report(.days, "must list at least one day, or be left out for every day")
        }
        let from = parsed(writtenFrom, restriction.path(.from), timeForm, TimeOfDay.init, context)
        let until = parsed(writtenUntil, restriction.path(.until), timeForm, TimeOfDay.init, context)
        guard let from, let until else { return nil }
        return OnCallRestriction(days: writtenDays == nil ? Set(Weekday.allCases) : days, from: from, until: until)
    }

    /// A required value read by `parse`, else a problem naming `form`.
    private static func parsed<T>(
        _ text: String?, _ keyPath: String, _ form: String, _ parse: (String) -> T?, _ context: ConfigContext
    ) -> T? {
        guard let text = context.required(text, keyPath) else { return nil }
        guard let value = parse(text) else {
            context.report(keyPath, "expected \(form), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return value
    }
}
