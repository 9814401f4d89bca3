/// Reads the whole config file into a ``SitrepConfig``: each section through its reader, which checks what it reads
/// and builds the section's value, then the few checks across sections. Sections another one refers to are read
/// first (the incident roles before the timers, the schedule names before the `notify:` lists).
enum ConfigFileReader {
    /// The top-level sections, in the order the "unknown key" message lists them.
    enum Key: String, CodingKey, CaseIterable {
        case irc, logging, store, incidents, people, escalation, timers
        case alerts
        case web
        case failover
        case matrix
        case smtp
        case schedules
        case paging
    }

    static func read(_ file: ConfigReader<Key>) -> SitrepConfig {
        var validator = ConfigValidator(context: file.context)
        let rawIRC = file.legacy(RawIRC.self, .irc)
        let matrixSection = file.mapping(MatrixConfigReader.Key.self, .matrix)
        let irc = rawIRC == nil && matrixSection != nil ? nil : validator.validateIRC(rawIRC)
        let logging = validator.validateLogging(file.legacy(RawLogging.self, .logging))
        let store = StoreConfigReader.read(
            file.mapping(StoreConfigReader.Key.self, .store), context: file.context)
        let incidents = IncidentsConfigReader.read(
            file.mapping(IncidentsConfigReader.Key.self, .incidents), context: file.context)
        let matrix = matrixSection.map(MatrixConfigReader.read)
        let schedules = ScheduleConfigReader.read(
            file.entryMappings(ScheduleConfigReader.Key.self, .schedules, expected: "a mapping with time_zone and layers"),
            context: file.context)
        let people = PeopleConfigReader.read(
            file.mapping(PeopleConfigReader.Key.self, .people), context: file.context)
        let escalation = EscalationConfigReader.read(
            file.mapping(EscalationConfigReader.Key.self, .escalation), context: file.context)
        let timers = TimersConfigReader.read(
            file.mapping(TimersConfigReader.Key.self, .timers), roles: incidents.roles)
        let alerts = file.mapping(AlertsConfigReader.Key.self, .alerts).map {
            AlertsConfigReader.read($0, announceChannel: incidents.announceChannel ?? matrix?.announceRoom)
        }
        let web = file.mapping(WebConfigReader.Key.self, .web).map(WebConfigReader.read)
        let failover = file.mapping(FailoverConfigReader.Key.self, .failover).map(FailoverConfigReader.read)
        let smtpSection = file.mapping(SMTPConfigReader.Key.self, .smtp)
        let smtp = smtpSection.flatMap(SMTPConfigReader.read)
        var config = SitrepConfig(
            irc: irc, logging: logging, store: store, incidents: incidents, people: people, escalation: escalation,
            timers: timers, alerts: alerts, web: web, failover: failover, matrix: matrix, smtp: smtp,
            schedules: schedules)
        config.paging = PagingConfigReader.read(
            file.mapping(PagingConfigReader.Key.self, .paging), hasSMTP: smtpSection != nil)
        return config
    }
}

/// Until every section has its own reader: a section decoded into its `Raw…` mirror, whose problems join the
/// shape problems.
extension ConfigReader {
    func legacy<Section: ConfigSection>(_ type: Section.Type, _ key: Key) -> Section? {
        guard let section = value(Section.self, key, expected: "a mapping") else { return nil }
        for problem in section.problems { context.reportShape(problem.keyPath, problem.reason) }
        return section
    }

    func legacyNamedEntries<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> [NamedEntry<T>]? {
        entries(key, expected: expected)?.map { name, decoder in
            let entry = try? T(from: decoder)
            if let section = entry as? any ConfigSection {
                for problem in section.problems { context.reportShape(problem.keyPath, problem.reason) }
            } else if entry == nil {
                context.reportShape(decoder.codingPath.configKeyPath, "expected \(expected)")
            }
            return NamedEntry(name: name, value: entry)
        }
    }
}
