/// One thing wrong with a configuration file: the dotted key path (`irc.sasl.password_env`, `irc.channels[1]`)
/// and what is wrong with it, phrased so an operator knows what to change. Never contains a secret.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public var keyPath: String
    public var reason: String

    public init(keyPath: String, reason: String) {
        self.keyPath = keyPath
        self.reason = reason
    }

    /// `key path: reason`, the form printed by `sitrep check-config`.
    public var description: String { "\(keyPath): \(reason)" }
}

/// Why a configuration file could not be loaded. ``invalid(path:problems:)`` lists every problem found, so an
/// operator can fix them all in one pass.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file itself could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not well-formed YAML; `line` and `column` start at 1.
    case syntax(path: String, line: Int, column: Int, reason: String)
    /// The YAML is well-formed but settings are missing, unknown or wrong.
    case invalid(path: String, problems: [ConfigProblem])

    /// The error as lines for an operator, one problem per line.
    public var lines: [String] {
        switch self {
        case .unreadable(let path, let reason):
            return ["cannot read config file \(path) (\(reason))"]
        case .syntax(let path, let line, let column, let reason):
            return ["\(path):\(line):\(column): YAML syntax error: \(reason)"]
        case .invalid(_, let problems):
            return problems.map(\.description)
        }
    }

    public var description: String { lines.joined(separator: "\n") }
}
