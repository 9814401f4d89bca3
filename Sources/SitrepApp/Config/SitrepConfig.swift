import SitrepCore

/// The validated sitrep configuration, as loaded by ``SitrepConfig/load(path:environment:)``.
///
/// A plain value: defaults are applied, names are checked, file paths are absolute (relative paths in the file are
/// resolved against the config file's directory) and the SASL password is resolved into a ``Secret``.
/// It knows nothing about the IRC client; the composition root maps it onto the client's own configuration.
///
/// Each section's type is in a file named for it (`SitrepConfig.IRC.swift`, …); reading and checking the file is
/// `SitrepConfig+Load.swift` with the section readers (`*ConfigReader.swift`), and what the pure rules take is
/// `SitrepConfig+Rules.swift`.
public struct SitrepConfig: Sendable, Equatable {
    /// The IRC network; nil (no `irc:` section): Matrix only.
    public var irc: IRC?
    public var logging: Logging
    public var store: Store
    public var incidents: Incidents
    public var people: People
    public var escalation: Escalation
    public var timers: Timers
    /// Nil: no alert hooks.
    public var alerts: Alerts?
    /// The web server; nil (no `web:` section) keeps it off.
    public var web: Web?
    /// The active/standby pair; nil (no `failover:` section): this instance is always active.
    public var failover: Failover?
    /// A Matrix homeserver (beside IRC or alone); nil (no `matrix:` section): IRC only.
    public var matrix: Matrix?
    /// The mail server for page emails; nil (no `smtp:` section): no email.
    public var smtp: SMTP?
    /// On-call schedules by name; none by default.
    public var schedules: Schedules
    /// `paging:`: contact methods and notification rules (chat only when absent).
    public var paging = Paging()

    public init(
        irc: IRC? = nil,
        logging: Logging = Logging(),
        store: Store = Store(),
        incidents: Incidents = Incidents(),
        people: People = People(),
        escalation: Escalation = Escalation(),
        timers: Timers = Timers(),
        alerts: Alerts? = nil,
        web: Web? = nil,
        failover: Failover? = nil,
        matrix: Matrix? = nil,
        smtp: SMTP? = nil,
        schedules: Schedules = Schedules()
    ) {
        self.smtp = smtp
        self.irc = irc
        self.logging = logging
        self.store = store
        self.incidents = incidents
        self.people = people
        self.escalation = escalation
        self.timers = timers
        self.alerts = alerts
        self.web = web
        self.failover = failover
        self.matrix = matrix
        self.schedules = schedules
    }
}
