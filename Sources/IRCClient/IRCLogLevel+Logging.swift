import IRC
import Logging

/// The session's log levels as swift-log levels, for the client's logger.
extension IRCLogLevel {
    var swiftLogLevel: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        }
    }
}
