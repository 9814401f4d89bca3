import Logging
import SitrepCore

/// The validated sitrep configuration, as loaded by ``SitrepConfig/load(path:environment:)``.
///
/// A plain value: defaults are applied, names are checked, file paths are absolute (relative paths in the file are
/// resolved against the config file's directory) and the SASL password is resolved into a ``Secret``.
/// It knows nothing about the IRC client; the composition root maps it onto the client's own configuration.
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

extension SitrepConfig {
    /// The IRC connection: server, identity, authentication, channels and timing.
    public struct IRC: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var tls: TLS
        public var nick: String
        /// Tried in order when `nick` is in use.
        public var alternateNicks: [String]
        public var username: String
        public var realname: String
        public var sasl: SASL
        /// Channels to join, each starting with a channel prefix (`#&+!`).
        public var channels: [String]
        public var pacing: Pacing
        public var reconnect: Reconnect
        public var keepalive: Keepalive
        public var quitMessage: String
        /// What sitrep answers to besides `/cmd` and its nick, and how its hints write commands (`irc.command_prefix`,
        /// `!` by default). Not an init parameter: few configurations change it.
        public var commandPrefix = CommandHint.defaultPrefix

        public init(
            host: String,
            port: Int? = nil,
            tls: TLS = TLS(),
            nick: String,
            alternateNicks: [String]? = nil,
            username: String = ConfigDefaults.username,
            realname: String = ConfigDefaults.realname,
            sasl: SASL = SASL(),
            channels: [String] = [],
            pacing: Pacing = Pacing(),
            reconnect: Reconnect = Reconnect(),
            keepalive: Keepalive = Keepalive(),
            quitMessage: String = ConfigDefaults.quitMessage
        ) {
            self.host = host
            self.port = port ?? ConfigDefaults.port(tls: tls.enabled)
            self.tls = tls
            self.nick = nick
            self.alternateNicks = alternateNicks ?? ConfigDefaults.alternateNicks(for: nick)
            self.username = username
            self.realname = realname
            self.sasl = sasl
            self.channels = channels
            self.pacing = pacing
            self.reconnect = reconnect
            self.keepalive = keepalive
            self.quitMessage = quitMessage
        }
    }

    /// Transport security. With `enabled` false the connection is plaintext.
    public struct TLS: Sendable, Equatable {
        public var enabled: Bool
        /// Absolute path of a PEM file with extra trust roots (e.g. a private CA), added to the system roots.
        public var caFile: String?
        /// Absolute path of the PEM client certificate, for SASL EXTERNAL (CertFP). Set together with `clientKey`.
        public var clientCertificate: String?
        /// Absolute path of the PEM private key for `clientCertificate`.
        public var clientKey: String?
        /// Skip certificate verification. Only when set explicitly; the client warns at every connect.
        public var insecure: Bool

        public init(
            enabled: Bool = true,
            caFile: String? = nil,
            clientCertificate: String? = nil,
            clientKey: String? = nil,
            insecure: Bool = false
        ) {
            self.enabled = enabled
            self.caFile = caFile
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.insecure = insecure
        }
    }

    /// SASL authentication during registration.
    public struct SASL: Sendable, Equatable {
        /// How to authenticate; `plain` carries the account and the resolved password.
        public enum Mechanism: Sendable, Equatable {
            case none
            case plain(account: String, password: Secret)
            /// Authenticate with the TLS client certificate.
            case external
        }

        public var mechanism: Mechanism
        /// If SASL fails, disconnect and retry rather than continue unauthenticated.
        public var required: Bool

        public init(mechanism: Mechanism = .none, required: Bool = true) {
            self.mechanism = mechanism
            self.required = required
        }
    }

    /// Outgoing flood control: a token bucket of `burst` lines refilled at `linesPerSecond`.
    public struct Pacing: Sendable, Equatable {
        public var burst: Int
        public var linesPerSecond: Double

        public init(burst: Int = 5, linesPerSecond: Double = 1.0) {
            self.burst = burst
            self.linesPerSecond = linesPerSecond
        }
    }

    /// Exponential reconnect backoff bounds.
    public struct Reconnect: Sendable, Equatable {
        public var initialDelay: Duration
        public var maxDelay: Duration

        public init(initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
        }
    }

    /// Liveness: send a PING after `interval` of silence; give up on the connection after `timeout`.
    public struct Keepalive: Sendable, Equatable {
        public var interval: Duration
        public var timeout: Duration

        public init(interval: Duration = .seconds(60), timeout: Duration = .seconds(120)) {
            self.interval = interval
            self.timeout = timeout
        }
    }

    /// Log output settings.
    public struct Logging: Sendable, Equatable {
        public var level: Logger.Level

        public init(level: Logger.Level = .info) {
            self.level = level
        }
    }
}

/// Default values of the optional settings, shared by the loader and the public initialisers.
public enum ConfigDefaults {
    public static let username = "sitrep"
    public static let realname = "sitrep incident bot"
    public static let quitMessage = "sitrep shutting down"
    /// Relative to the config file's directory.
    public static let sqlitePath = "sitrep.sqlite"
    public static let channelPrefix = "#inc-"
    public static let defaultSeverity = Severity.sev3
    public static let roles = ["commander", "comms", "scribe", "ops"]
    /// The network id of configured identities and incident channels.
    public static let network = "irc"

    /// 6697 with TLS, 6667 without.
    public static func port(tls: Bool) -> Int {
        tls ? 6697 : 6667
    }

    /// `nick_`, `nick1`, `nick2`, keeping each within the 30-character nick limit.
    public static func alternateNicks(for nick: String) -> [String] {
        let stem = String(nick.prefix(IRCNameRules.maxNickLength - 1))
        return [stem + "_", stem + "1", stem + "2"]
    }
}
