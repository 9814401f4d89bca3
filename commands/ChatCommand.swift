import SitrepCore

/// A chat command: its name, aliases, who may run it, its help lines, its grammar, and examples that double as
/// tests. Parsing is pure (arguments text → intent or usage error); executing the intent is the coordinator's job.
///
/// One file per command in this folder; `CommandRegistry.commands` lists them all.
public protocol ChatCommand: Sendable {
    /// The canonical name, lower-case (`escalate`).
    static var name: String { get }
    /// Other names that work the same (`resolved` for `resolve`).
    static var aliases: [String] { get }
    /// One line for `/help`.
    static var summary: String { get }
    /// The grammar, e.g. `/sev <1-4> [reason]`.
    static var usage: String { get }
    /// Who may run it; the incident's lead counts as a commander.
    static var requiredLevel: AccessLevel { get }
    /// Argument texts and what they parse to (or `.invalid`); run as tests.
    static var examples: [CommandExample] { get }
    /// The intent for the text after the command name, or a usage error.
    static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError>
}

extension ChatCommand {
    public static var aliases: [String] { [] }

    /// A usage error for this command saying what was wrong.
    static func usageError(_ problem: String) -> UsageError {
        UsageError(command: name, usage: usage, problem: problem)
    }

    /// Parses a command that takes no arguments.
    static func noArguments(_ arguments: String, _ intent: IncidentIntent) -> Result<IncidentIntent, UsageError> {
        ArgumentText.isBlank(arguments) ? .success(intent) : .failure(usageError("\(command: name) takes no arguments"))
    }

    /// Parses a read-only query that takes nothing but, optionally, the incident it is about (`2`, `#2`,
    /// `INC-2`), so it can be asked from anywhere: `!status 2` in the announce channel.
    static func optionalIncident(_ arguments: String, _ intent: IncidentIntent) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(intent) }
        guard words.count == 1, let id = ArgumentText.incidentID(word) else {
            return .failure(usageError("name the incident by its number (2, #2 or INC-2), or nothing for this one"))
        }
        return .success(.about(incident: id, intent))
    }

    /// Parses a command whose argument is required free text.
    static func requiredText(
        _ arguments: String,
        what: String,
        _ intent: (String) -> IncidentIntent
    )
        -> Result<IncidentIntent, UsageError>
    {
        let text = ArgumentText.trimmed(arguments)
        return text.isEmpty ? .failure(usageError("say \(what)")) : .success(intent(text))
    }
}

/// One documented use of a command: the argument text and the intent it parses to, or nil for a usage error.
public struct CommandExample: Sendable, Equatable, CustomStringConvertible {
    public var arguments: String
    public var expected: IncidentIntent?

    public init(_ arguments: String, _ expected: IncidentIntent) {
        self.arguments = arguments
        self.expected = expected
    }

    private init(invalid arguments: String) {
        self.arguments = arguments
        self.expected = nil
    }

    /// Arguments the command must reject with its usage line.
    public static func invalid(_ arguments: String) -> CommandExample { CommandExample(invalid: arguments) }

    public var description: String { "\"\(arguments)\" → \(expected.map { "\($0)" } ?? "usage error")" }
}

/// A wrong use of a command; renders as a one-line reply with the usage.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var command: String
    public var usage: String
    /// What was wrong, e.g. `severity must be 1-4`.
    public var problem: String

    public init(command: String, usage: String, problem: String) {
        self.command = command
        self.usage = usage
        self.problem = problem
    }

    /// `severity must be 1-4; usage: !sev <1-4> [reason]` (the usage with the current `CommandHint.prefix`).
    public var reply: String { ChatText.oneLine("\(problem); usage: \(CommandHint.render(usage))") }
    public var description: String { reply }
}
