import Foundation
import OnCall
import SitrepCore

/// `schedules:`: named on-call schedules, each layers of rotations on the wall clock of an IANA time zone.
extension ConfigValidator {
    static let scheduleTimeForm = "a time of day HH:MM like 09:00"
    static let scheduleDateForm = "a date YYYY-MM-DD like 2026-01-05"
    static let scheduleIntervalForm = "a number of hours, days or weeks like 12h, 1d or 1w"

    mutating func validateSchedules(_ raw: [NamedEntry<RawSchedule>]?) -> SitrepConfig.Schedules {
        var schedules = SitrepConfig.Schedules()
        for entry in raw ?? [] {
            let keyPath = "schedules.\(entry.name)"
            _ = checked(entry.name, keyPath, IRCNameRules.roleProblem)
            guard let schedule = entry.value else { continue }
            schedules.byName[entry.name] = validateSchedule(schedule, name: entry.name, keyPath)
            if schedule.publicFeed == true { schedules.publicFeeds.insert(entry.name) }
        }
        return schedules
    }

    private mutating func validateSchedule(_ raw: RawSchedule, name: String, _ keyPath: String) -> OnCallSchedule {
        let zonePath = "\(keyPath).time_zone"
        var zone = TimeZone(identifier: "UTC")!
        var zoneName = "UTC"
        if let identifier = required(raw.timeZone, zonePath) {
            zoneName = identifier
            if let known = TimeZone(identifier: identifier),
                identifier == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(identifier)
            {
                zone = known
            } else {
                report(zonePath, "unknown time zone \(IRCNameRules.quoted(identifier)); write an IANA name like Europe/Berlin or UTC")
            }
        }
        let layersPath = "\(keyPath).layers"
        let rawLayers = required(raw.layers, layersPath) ?? []
        if raw.layers?.isEmpty == true { report(layersPath, "must list at least one layer") }
        var layers: [OnCallLayer] = []
        var names: [String: Int] = [:]
        for (index, element) in rawLayers.enumerated() {
            let layerPath = "\(layersPath)[\(index)]"
            guard let rawLayer = element.value else {
                report(layerPath, "expected a mapping with people, every, handoff and start")
                continue
            }
            let layerName = rawLayer.name ?? "layer \(index + 1)"
            if let first = names[layerName] {
                report("\(layerPath).name", "duplicate of \(layersPath)[\(first)].name \(IRCNameRules.quoted(layerName))")
            }
            names[layerName] = names[layerName] ?? index
            if let layer = validateLayer(rawLayer, name: layerName, layerPath) { layers.append(layer) }
        }
        return OnCallSchedule(name: name, zone: zone, zoneName: zoneName, layers: layers)
    }

    private mutating func validateLayer(_ raw: RawLayer, name: String, _ keyPath: String) -> OnCallLayer? {
        if let problem = IRCNameRules.freeTextProblem(name, allowEmpty: false) { report("\(keyPath).name", problem) }
        let peoplePath = "\(keyPath).people"
        let entries = required(raw.people, peoplePath) ?? []
        if raw.people?.isEmpty == true { report(peoplePath, "must list at least one person") }
        let people = context.identities(entries, peoplePath)
        let interval = parsed(raw.every, "\(keyPath).every", Self.scheduleIntervalForm, HandoffInterval.init)
        let handoff =
            raw.handoff == nil
            ? TimeOfDay.midnight : parsed(raw.handoff, "\(keyPath).handoff", Self.scheduleTimeForm, TimeOfDay.init)
        let start = parsed(raw.start, "\(keyPath).start", Self.scheduleDateForm, LocalDate.init)
        let restrictions = (raw.restrictions ?? []).enumerated().compactMap { index, element in
            validateRestriction(element.value, "\(keyPath).restrictions[\(index)]")
        }
        guard let interval, let handoff, let start, !people.isEmpty, people.count == entries.count else { return nil }
        return OnCallLayer(
            name: name, people: people, interval: interval, start: WallClock(date: start, time: handoff),
            restrictions: restrictions)
    }

    private mutating func validateRestriction(_ raw: RawRestriction?, _ keyPath: String) -> OnCallRestriction? {
        guard let raw else {
            report(keyPath, "expected a mapping with days, from and until")
            return nil
        }
        var days = Set<Weekday>()
        for (index, entry) in (raw.days ?? []).enumerated() {
            guard let entry, let day = Weekday(name: entry) else {
                let got = entry.map { ", got \(IRCNameRules.quoted($0))" } ?? ""
                report("\(keyPath).days[\(index)]", "expected a weekday like mon or monday\(got)")
                continue
            }
            days.insert(day)
        }
        if raw.days?.isEmpty == true { report("\(keyPath).days", "must list at least one day, or be left out for every day") }
        let from = parsed(raw.from, "\(keyPath).from", Self.scheduleTimeForm, TimeOfDay.init)
        let until = parsed(raw.until, "\(keyPath).until", Self.scheduleTimeForm, TimeOfDay.init)
        guard let from, let until else { return nil }
        return OnCallRestriction(days: raw.days == nil ? Set(Weekday.allCases) : days, from: from, until: until)
    }

    /// A required value read by `parse`, else a problem naming `form`.
    private mutating func parsed<T>(_ text: String?, _ keyPath: String, _ form: String, _ parse: (String) -> T?) -> T? {
        guard let text = required(text, keyPath) else { return nil }
        guard let value = parse(text) else {
            report(keyPath, "expected \(form), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return value
    }
}

extension ConfigValidator {
    /// `web.oncall_token_env` / `web.oncall_token_file`: the token of the on-call feeds that are not public. It
    /// travels in feed URLs (`?token=`), so it is limited to the characters a URL carries as they are.
    mutating func validateOnCallToken(env: String?, file: String?) -> Secret? {
        guard let token = optionalSecret(in: "web", env: ("oncall_token_env", env), file: ("oncall_token_file", file))
        else { return nil }
        let keyPath = env != nil ? "web.oncall_token_env" : "web.oncall_token_file"
        guard secrets.reads(keyPath) else { return token }
        let urlSafe = token.reveal().unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._~".unicodeScalars.contains($0))
        }
        if let problem = Self.tokenProblem(token) ?? (urlSafe ? nil : "the token goes into feed URLs: use only letters, digits and - . _ ~ (e.g. from openssl rand -hex 32)") {
            report(keyPath, problem)
            return nil
        }
        return token
    }
}
