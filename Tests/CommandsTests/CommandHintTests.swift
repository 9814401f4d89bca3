import Commands
import SitrepCore
import Testing

/// Hints write commands with the network's prefix, and the bot answers to that prefix.
@Suite struct CommandHintTests {
    @Test func hintsUseTheBangFormByDefault() {
        #expect("then \(command: "close")" == "then !close")
        #expect(CommandHint.render("/declare [sevN] <title> or /declare from alert <n>")
            == "!declare [sevN] <title> or !declare from alert <n>")
    }

    @Test func hintsFollowTheConfiguredPrefix() {
        CommandHint.$prefix.withValue("?") {
            #expect("join #inc-4 and \(command: "ack")" == "join #inc-4 and ?ack")
            #expect(CommandHint.render("record the cause (/cause <text>)") == "record the cause (?cause <text>)")
        }
    }

    @Test(arguments: [
        ("/category <category>[/<sub>]", "!category <category>[/<sub>]"), ("path a/b", "path a/b"), ("/ 1", "/ 1"),
        ("x /2", "x /2"),
    ])
    func aSlashInsideAWordOrBeforeANonLetterStays(template: String, rendered: String) {
        #expect(CommandHint.render(template) == rendered)
    }

    @Test(arguments: ["!", ".", "~", "?!", "::x"].map { ($0, $0 == "::x") })
    func aPrefixIsOneToThreeCharactersThatCannotStartAName(prefix: String, isBad: Bool) {
        #expect((CommandHint.problem(withPrefix: prefix) != nil) == isBad)
    }

    @Test(arguments: ["", "abcd", "a", "1", " ", "@", ",", "!\n"])
    func badPrefixesAreRefusedWithAReason(prefix: String) {
        #expect(CommandHint.problem(withPrefix: prefix) != nil)
    }

    @Test func theBotAnswersToTheConfiguredPrefixInsteadOfTheBang() throws {
        let dot = try #require(CommandInvocation.recognize(".sev 2 slow", botNick: "sitrep", prefix: "."))
        #expect(dot.name == "sev" && dot.arguments == "2 slow" && dot.form == .bang)
        #expect(CommandInvocation.recognize("!sev 2", botNick: "sitrep", prefix: ".") == nil)
        #expect(CommandInvocation.recognize("/sev 2", botNick: "sitrep", prefix: ".")?.name == "sev")
        #expect(CommandInvocation.recognize("sitrep: .sev 2", botNick: "sitrep", prefix: ".")?.arguments == "2")
        #expect(CommandInvocation.couldBeCommand(".ack", prefix: "."))
        #expect(!CommandInvocation.couldBeCommand("!ack", prefix: "."))
        #expect(CommandInvocation.recognize("...", botNick: "sitrep", prefix: ".") == nil)
    }
}
