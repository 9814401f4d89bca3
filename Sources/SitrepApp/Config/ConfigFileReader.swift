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
        let context = file.context
        let ircSection = file.mapping(IRCConfigReader.Key.self, .irc)
        let matrixSection = file.mapping(MatrixConfigReader.Key.self, .matrix)
        // Without `irc:`, a `matrix:` section is the chat network; with neither, `irc:` is reported missing.
        let irc = ircSection == nil && matrixSection != nil ? nil : IRCConfigReader.read(ircSection, context: context)
        let logging = LoggingConfigReader.read(file.mapping(LoggingConfigReader.Key.self, .logging))
        let store = StoreConfigReader.read(file.mapping(StoreConfigReader.Key.self, .store), context: context)
        let incidents = IncidentsConfigReader.read(
            file.mapping(IncidentsConfigReader.Key.self, .incidents), context: context)
        let matrix = matrixSection.map(MatrixConfigReader.read)
        let schedules = ScheduleConfigReader.read(
            file.entryMappings(ScheduleConfigReader.Key.self, .schedules, expected: "a mapping with time_zone and layers"),
            context: context)
        let people = PeopleConfigReader.read(file.mapping(PeopleConfigReader.Key.self, .people), context: context)
        let escalation = EscalationConfigReader.read(
            file.mapping(EscalationConfigReader.Key.self, .escalation), context: context)
        let timers = TimersConfigReader.read(file.mapping(TimersConfigReader.Key.self, .timers), roles: incidents.roles)
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
