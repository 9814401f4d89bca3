import Commands
import SitrepCore
import Testing

/// One documented example of one command, as a test case.
struct NamedExample: Sendable, CustomTestStringConvertible {
    var command: String
    var example: CommandExample
    var testDescription: String { "/\(command) \(example)" }

    static let all: [NamedExample] = CommandRegistry.commands.flatMap { command in
        command.examples.map { NamedExample(command: command.name, example: $0) }
    }
}

@Suite struct CommandRegistryTests {
    static let names = CommandRegistry.commands.map { $0.name }

    @Test(arguments: NamedExample.all)
    func everyExampleParsesAsDocumented(case: NamedExample) throws {
        let command = try #require(CommandRegistry.command(named: `case`.command))
        let result = CommandRegistry.parse(name: `case`.command, arguments: `case`.example.arguments)
        switch (result, `case`.example.expected) {
        case (.success(let intent), let expected?):
            #expect(intent == expected)
            // A command's level is that of its least demanding form: `/oncall` answers anyone, `/oncall take`
            // needs a responder.
            if command.name == OncallCommand.name, case .oncallTake = intent {
                #expect(intent.requiredLevel == .responder, "level of \(intent)")
            } else {
                #expect(intent.requiredLevel == command.requiredLevel, "level of \(intent)")
            }
        case (.failure(.usage(let error)), nil):
            #expect(error.usage == command.usage)
            #expect(error.reply.hasSuffix("; usage: \(CommandHint.render(command.usage))"))
        default:
            Issue.record("got \(result)")
        }
    }

    @Test(arguments: names)
    func everyCommandHasAValidExampleAndBadInputGivesItsUsage(name: String) throws {
        let command = try #require(CommandRegistry.command(named: name))
        #expect(command.examples.contains { $0.expected != nil })
        // `/mitigated [text]` accepts any text as its description; every other grammar rejects something.
        if name != "mitigated" { #expect(command.examples.contains { $0.expected == nil }) }
        #expect(command.usage.hasPrefix("/\(name)"))
        #expect(!command.summary.isEmpty && !command.summary.contains("\n"))
    }

    @Test func theRegistryHasEveryCommandOnceWithUniqueNamesAndAliases() {
        let expected = [
            "declare", "ack", "sev", "priority", "category", "service", "lead", "role", "roles", "investigating",
            "identified", "contain", "workaround", "mitigated", "resolve", "cause", "close", "reopen", "cancel",
            "update", "note", "solution", "mark", "escalate", "followup", "followups", "done", "remind", "snooze",
            "factor", "lesson", "postmortem", "status", "timeline", "timers", "pages", "incidents", "search", "stats",
            "whoami", "help", "oncall", "override", "invite",
        ]
        #expect(Set(Self.names) == Set(expected))
        let all = CommandRegistry.commands.flatMap { [$0.name] + $0.aliases }
        #expect(all.count == Set(all).count, "a name or alias is used twice")
        for name in all {
            #expect(CommandInvocation.recognize("!\(name)", botNick: "sitrep")?.name == name, "\(name)")
        }
    }

    @Test(arguments: [
        ("incident", "declare"), ("new", "declare"), ("resolved", "resolve"), ("mitigate", "mitigated"),
        ("severity", "sev"), ("action", "followup"), ("todo", "followup"), ("SEV", "sev"),
        ("review", "postmortem"), ("pir", "postmortem"),
    ])
    func aliasesResolveToTheirCommand(alias: String, name: String) {
        #expect(CommandRegistry.command(named: alias)?.name == name)
    }

    @Test(arguments: [
        ("esclate", "unknown command esclate; did you mean escalate?"),
        ("resolv", "unknown command resolv; did you mean resolve?"),
        ("stauts", "unknown command stauts; did you mean status?"),
        ("xyzzy", "unknown command xyzzy; try !help"),
    ])
    func unknownCommandsGetTheClosestSuggestion(name: String, reply: String) {
        guard case .failure(let failure) = CommandRegistry.parse(name: name, arguments: "") else {
            Issue.record("\(name) parsed")
            return
        }
        #expect(failure.reply == reply)
    }

    @Test(arguments: ["/sev 1 db down", "//sev 1 db down", "!sev 1 db down", "sitrep: sev 1 db down"])
    func everyFormParsesToTheSameIntent(text: String) throws {
        let invocation = try #require(CommandInvocation.recognize(text, botNick: "sitrep"))
        #expect(try CommandRegistry.parse(invocation).get() == .severity(.sev1, reason: "db down"))
    }

    @Test func helpListsCommandsByGroupAndTheFormsThatWorkOnIRC() {
        let help = CommandRegistry.help(for: nil, botNick: "sitrep")
        for name in Self.names { #expect(help.contains(" \(name)")) }
        for group in ["lifecycle: declare", "roles: lead", "notes: update", "timers: remind", "review: cause", "queries: status"] {
            #expect(help.contains(group), "\(group)")
        }
        #expect(help.contains("Type !cmd or sitrep: cmd"))
        #expect(help.contains("/say /cmd in irssi") && help.contains("//cmd in WeeChat"))
        #expect(help.hasSuffix("!help <cmd> explains one.") && !help.contains("\n"))
    }

    @Test func helpOnMatrixWarnsThatElementTakesSlashCommands() {
        let help = CommandRegistry.help(for: nil, botNick: "sitrep", forms: .matrix)
        #expect(help.contains("Element takes /cmd as its own command"))
        #expect(!help.contains("irssi"))
    }

    @Test func everyCommandIsInExactlyOneHelpGroup() {
        let grouped = CommandRegistry.groups.flatMap { $0.commands.map { $0.name } }
        #expect(grouped.count == Set(grouped).count)
        #expect(Set(grouped) == Set(Self.names))
    }

    @Test func helpForACommandGivesUsageSummaryAndLevel() {
        #expect(
            CommandRegistry.help(for: "sev")
                == "!sev <1-4> [reason]: change the severity (also !severity); needs a commander or the incident's lead"
        )
        #expect(CommandRegistry.help(for: "ack").hasSuffix("needs a responder"))
        #expect(CommandRegistry.help(for: "incident").hasPrefix("!declare"))
        #expect(CommandRegistry.help(for: "esclate") == "unknown command esclate; did you mean escalate?")
    }

    @Test func helpAndUsageFollowTheConfiguredPrefix() {
        CommandHint.$prefix.withValue(".") {
            #expect(CommandRegistry.help(for: "sev").hasPrefix(".sev <1-4> [reason]: change the severity (also .severity)"))
            #expect(CommandRegistry.help(for: nil).contains("Type .cmd or sitrep: cmd"))
            guard case .failure(let failure) = CommandRegistry.parse(name: "whoami", arguments: "all") else {
                Issue.record("parsed")
                return
            }
            #expect(failure.reply == ".whoami takes no arguments; usage: .whoami")
        }
    }

    @Test func usageRepliesStayOnOneLine() {
        guard case .failure(let failure) = CommandRegistry.parse(name: "sev", arguments: "9\r\nQUIT") else {
            Issue.record("parsed")
            return
        }
        #expect(failure.reply == "severity must be 1-4; usage: !sev <1-4> [reason]")
        let unknown = CommandRegistry.Failure.unknown(name: "x\r\ny", suggestion: nil)
        #expect(!unknown.reply.contains("\r") && !unknown.reply.contains("\n"))
    }

    @Test func textArgumentsAreKeptVerbatim() throws {
        let text = "rolled back\u{0} 🔥 deploy\r\n512"
        #expect(try CommandRegistry.parse(name: "note", arguments: text).get() == .note(text))
    }
}
