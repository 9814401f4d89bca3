import SitrepCore

/// Every chat command sitrep knows, looked up by name or alias; unknown names get the closest suggestion.
public enum CommandRegistry {
    /// All commands, in the order `/help` lists them.
    public static let commands: [any ChatCommand.Type] = [
        DeclareCommand.self, AckCommand.self, SevCommand.self, PriorityCommand.self, CategoryCommand.self,
        ServiceCommand.self, LeadCommand.self, RoleCommand.self, RolesCommand.self, InvestigatingCommand.self,
        IdentifiedCommand.self, ContainCommand.self, WorkaroundCommand.self, MitigatedCommand.self,
        ResolveCommand.self, CauseCommand.self, CloseCommand.self, ReopenCommand.self, CancelCommand.self,
        UpdateCommand.self, NoteCommand.self, SolutionCommand.self, MarkCommand.self, EscalateCommand.self,
        FollowupCommand.self, FollowupsCommand.self, DoneCommand.self, RemindCommand.self, SnoozeCommand.self,
        FactorCommand.self, LessonCommand.self, PostmortemCommand.self, StatusCommand.self, TimelineCommand.self,
        TimersCommand.self, PagesCommand.self, IncidentsCommand.self, SearchCommand.self, StatsCommand.self, WhoamiCommand.self,
        HelpCommand.self,
    ]

    /// Why a command line could not become an intent; renders as a one-line reply.
    public enum Failure: Error, Sendable, Equatable {
        case unknown(name: String, suggestion: String?)
        case usage(UsageError)

        /// `unknown command esclate; did you mean escalate?` or the usage error's reply.
        public var reply: String {
            switch self {
            case .unknown(let name, let suggestion):
                let name = ChatText.oneLine(name, limit: 40)
                return suggestion.map { "unknown command \(name); did you mean \($0)?" }
                    ?? "unknown command \(name); try /help"
            case .usage(let error):
                return error.reply
            }
        }
    }

    /// The command called `name` (or with that alias), case-insensitively.
    public static func command(named name: String) -> (any ChatCommand.Type)? {
        let name = name.lowercased()
        return commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Parses a recognised command line into an intent.
    public static func parse(_ invocation: CommandInvocation) -> Result<IncidentIntent, Failure> {
        parse(name: invocation.name, arguments: invocation.arguments)
    }

    public static func parse(name: String, arguments: String) -> Result<IncidentIntent, Failure> {
        guard let command = command(named: name) else {
            return .failure(.unknown(name: name, suggestion: suggestion(for: name)))
        }
        return command.parse(arguments).mapError { .usage($0) }
    }

    /// The closest command name or alias within edit distance 2 (ties go to the earlier command), or nil.
    public static func suggestion(for name: String) -> String? {
        let name = name.lowercased()
        var best: (name: String, distance: Int)?
        for command in commands {
            for candidate in [command.name] + command.aliases {
                let distance = EditDistance.levenshtein(name, candidate)
                if distance <= 2, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
            }
        }
        return best?.name
    }

    /// `/help` (nil): the command list and the forms that work; `/help <cmd>`: usage, summary and level.
    public static func help(for name: String?, botNick: String = "sitrep") -> String {
        guard let name else {
            let names = commands.map { $0.name }.joined(separator: " ")
            return "commands: \(names). Type /cmd, //cmd, !cmd or \(botNick): cmd (irssi and WeeChat users need "
                + "//cmd or !cmd); /help <cmd> explains one."
        }
        guard let command = command(named: name) else {
            return Failure.unknown(name: name, suggestion: suggestion(for: name)).reply
        }
        let aliasList = command.aliases.map { "/" + $0 }.joined(separator: ", ")
        let aliases = aliasList.isEmpty ? "" : " (also \(aliasList))"
        return "\(command.usage): \(command.summary)\(aliases); needs \(command.requiredLevel.withArticle)"
            + (command.requiredLevel == .commander ? " or the incident's lead" : "")
    }
}

/// Edit distance between words, for "did you mean".
enum EditDistance {
    /// Levenshtein distance where swapping two adjacent letters also counts as one edit (optimal string
    /// alignment), so `stauts` is as close to `status` as to `stats`.
    static func levenshtein(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
