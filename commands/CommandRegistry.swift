import SitrepCore

/// Every chat command sitrep knows, looked up by name or alias; unknown names get the closest suggestion.
public enum CommandRegistry {
    /// All commands (`groups` orders them for `!help`).
    public static let commands: [any ChatCommand.Type] = [
        DeclareCommand.self, AckCommand.self, SevCommand.self, PriorityCommand.self, CategoryCommand.self,
        ServiceCommand.self, LeadCommand.self, RoleCommand.self, RolesCommand.self, InvestigatingCommand.self,
        IdentifiedCommand.self, ContainCommand.self, WorkaroundCommand.self, MitigatedCommand.self,
        ResolveCommand.self, CauseCommand.self, CloseCommand.self, ReopenCommand.self, CancelCommand.self,
        UpdateCommand.self, NoteCommand.self, SolutionCommand.self, MarkCommand.self, EscalateCommand.self,
        FollowupCommand.self, FollowupsCommand.self, DoneCommand.self, RemindCommand.self, SnoozeCommand.self,
        FactorCommand.self, LessonCommand.self, PostmortemCommand.self, StatusCommand.self, TimelineCommand.self,
        TimersCommand.self, PagesCommand.self, IncidentsCommand.self, SearchCommand.self, StatsCommand.self,
        WhoamiCommand.self, HelpCommand.self, OncallCommand.self, OverrideCommand.self, InviteCommand.self,
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
                    ?? "unknown command \(name); try \(command: "help")"
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

    /// The command list of `!help`, by what they are for; every command is in exactly one group.
    public static let groups: [(name: String, commands: [any ChatCommand.Type])] = [
        (
            "lifecycle",
            [
                DeclareCommand.self, AckCommand.self, SevCommand.self, PriorityCommand.self, CategoryCommand.self,
                ServiceCommand.self, InvestigatingCommand.self, IdentifiedCommand.self, ContainCommand.self,
                WorkaroundCommand.self, MitigatedCommand.self, ResolveCommand.self, CloseCommand.self,
                ReopenCommand.self, CancelCommand.self, EscalateCommand.self,
            ]
        ),
        ("roles", [LeadCommand.self, RoleCommand.self, RolesCommand.self, InviteCommand.self]),
        ("notes", [UpdateCommand.self, NoteCommand.self, MarkCommand.self, SolutionCommand.self]),
        ("timers", [RemindCommand.self, SnoozeCommand.self, TimersCommand.self, PagesCommand.self]),
        (
            "review",
            [
                CauseCommand.self, FactorCommand.self, LessonCommand.self, FollowupCommand.self,
                FollowupsCommand.self, DoneCommand.self, PostmortemCommand.self,
            ]
        ),
        (
            "queries",
            [
                StatusCommand.self, TimelineCommand.self, IncidentsCommand.self, SearchCommand.self,
                StatsCommand.self, WhoamiCommand.self, HelpCommand.self,
            ]
        ),
        ("on-call", [OncallCommand.self, OverrideCommand.self]),
    ]

    /// `!help` (nil): the commands by group and the forms that work where it was asked (`forms`, from the
    /// network); `!help <cmd>`: usage, summary and level. Commands are written with `CommandHint.prefix`.
    public static func help(for name: String?, botNick: String = "sitrep", forms: CommandForms = .irc) -> String {
        let command = CommandHint.command
        guard let name else {
            let list = groups.map { group in
                group.name + ": " + group.commands.map { $0.name }.joined(separator: " ")
            }
            return "commands — \(list.joined(separator: "; ")). Type \(command("cmd")) or \(botNick): cmd"
                + " \(forms.slashAdvice); \(command("help")) <cmd> explains one."
        }
        guard let found = self.command(named: name) else {
            return Failure.unknown(name: name, suggestion: suggestion(for: name)).reply
        }
        let aliasList = found.aliases.map { command($0) }.joined(separator: ", ")
        let aliases = aliasList.isEmpty ? "" : " (also \(aliasList))"
        return "\(CommandHint.render(found.usage)): \(found.summary)\(aliases); needs \(found.requiredLevel.withArticle)"
            + (found.requiredLevel == .commander ? " or the incident's lead" : "")
    }
}

/// Which ways of typing a command work on a network, for `!help` to say where it is asked.
public enum CommandForms: Sendable, Equatable {
    /// IRC: `/cmd` is taken by irssi, WeeChat, HexChat and The Lounge as their own command.
    case irc
    /// Matrix: Element and most clients take an unknown `/cmd` as their own command.
    case matrix

    /// What `!help` says about `/cmd` on this network.
    var slashAdvice: String {
        switch self {
        case .irc:
            "(most IRC clients take /cmd as their own; \(CommandHint.command("cmd")) works in all of them, and so do"
                + " /say /cmd in irssi and //cmd in WeeChat)"
        case .matrix:
            "(Element takes /cmd as its own command; \(CommandHint.command("cmd")) works in every client)"
        }
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
