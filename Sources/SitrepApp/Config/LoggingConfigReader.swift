import Logging

/// Reads and checks `logging:`, into ``SitrepConfig/Logging``.
enum LoggingConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case level
    }

    static func read(_ logging: ConfigReader<Key>?) -> SitrepConfig.Logging {
        guard let logging, let text = logging.string(.level) else { return SitrepConfig.Logging() }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            logging.report(.level, "must be one of \(names), got \(IRCNameRules.quoted(text))")
            return SitrepConfig.Logging()
        }
        return SitrepConfig.Logging(level: level)
    }
}
