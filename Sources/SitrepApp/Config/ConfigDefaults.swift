import SitrepCore

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
