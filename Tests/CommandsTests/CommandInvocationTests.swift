import Commands
import Testing

@Suite struct CommandInvocationTests {
    @Test(arguments: [
        ("/escalate db team", CommandInvocation.Form.slash),
        ("//escalate db team", .doubleSlash),
        ("!escalate db team", .bang),
        ("sitrep: escalate db team", .addressed),
        ("sitrep, escalate db team", .addressed),
        ("SITREP: escalate db team", .addressed),
        ("@sitrep escalate db team", .addressed),
        ("sitrep: /escalate db team", .addressed),
        ("  /escalate   db team  ", .slash),
    ])
    func everyFormIsRecognised(text: String, form: CommandInvocation.Form) throws {
        let invocation = try #require(CommandInvocation.recognize(text, botNick: "sitrep"))
        #expect(invocation == CommandInvocation(name: "escalate", arguments: "db team", form: form))
    }

    @Test(arguments: [
        "just chatting about /escalate", "sitrep is down", "sitrepper: ack", "/", "!", "!!!", "/ 1",
        "/123", "", "sitrep:", "http://example.org/ack",
    ])
    func ordinaryChatIsNotACommand(text: String) {
        #expect(CommandInvocation.recognize(text, botNick: "sitrep") == nil)
    }

    @Test func bareCommandsWorkOnlyInPrivate() {
        #expect(CommandInvocation.recognize("declare sev2 checkout down", botNick: "sitrep") == nil)
        let invocation = CommandInvocation.recognize("declare sev2 checkout down", botNick: "sitrep", isPrivate: true)
        #expect(invocation == CommandInvocation(name: "declare", arguments: "sev2 checkout down", form: .bare))
    }

    @Test func namesAreLowerCasedAndArgumentsKeptVerbatim() {
        let invocation = CommandInvocation.recognize("/ACK  Looking Into It 🔥", botNick: "sitrep")
        #expect(invocation?.name == "ack")
        #expect(invocation?.arguments == "Looking Into It 🔥")
    }

    @Test func theAddressUsesTheBotsCurrentNick() {
        #expect(CommandInvocation.recognize("sitrep_: help", botNick: "sitrep_")?.name == "help")
        #expect(CommandInvocation.recognize("sitrep: help", botNick: "sitrep_") == nil)
    }
}

@Suite struct CouldBeCommandTests {
    @Test(arguments: [
        "/ack", "  !ack", "@sitrep ack", "sitrep: ack", "sitrep, ack", "sitrep:ack",
    ])
    func everyCommandFormPassesThePrefilter(text: String) {
        #expect(CommandInvocation.couldBeCommand(text))
    }

    @Test(arguments: ["looking at the logs now", "", "   ", "the db: it is down"])
    func ordinaryChatIsRuledOut(text: String) {
        #expect(!CommandInvocation.couldBeCommand(text))
    }

    @Test(arguments: ["/x", "!x", "sitrep: x", "sitrep, x", "@sitrep x", "plain words", "a:b c", "x"])
    func thePrefilterNeverRulesOutWhatRecognizeAccepts(text: String) {
        if CommandInvocation.recognize(text, botNick: "sitrep") != nil {
            #expect(CommandInvocation.couldBeCommand(text))
        }
    }
}
