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

    /// The byte-level prefilter agrees with the character-level rule, on every line of a seeded
    /// random mix of the characters that matter (spaces, `/`, `@`, prefixes, `:`, `,`) and of non-ASCII text
    /// (accents, combining marks, emoji) that sends it down the character path.
    @Test(arguments: ["!", ".", "", "§", "é"])
    func theBytePrefilterAgreesWithTheCharacterRule(prefix: String) {
        let alphabet = [" ", "/", "@", "!", ".", ":", ",", "a", "Z", "é", "e\u{301}", "!\u{301}", "§", "🔥", "\u{301}"]
        var state: UInt64 = 0x5EED_0000_0000_0001
        for _ in 0..<4_000 {
            var line = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 60) {
                line += alphabet[Int((state >> UInt64(4 * step % 56)) & 0xF) % alphabet.count]
            }
            #expect(
                CommandInvocation.couldBeCommand(line, prefix: prefix) == CommandInvocation.couldBeCommandByCharacters(line, prefix: prefix),
                "\(line.debugDescription) with prefix \(prefix.debugDescription)")
        }
    }

    @Test(arguments: ["/x", "!x", "sitrep: x", "sitrep, x", "@sitrep x", "plain words", "a:b c", "x"])
    func thePrefilterNeverRulesOutWhatRecognizeAccepts(text: String) {
        if CommandInvocation.recognize(text, botNick: "sitrep") != nil {
            #expect(CommandInvocation.couldBeCommand(text))
        }
    }
}
