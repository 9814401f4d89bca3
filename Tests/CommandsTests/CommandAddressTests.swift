import Commands
import Testing

/// The addressed form on a network where the bot has several names (Matrix: user id, display name, localpart),
/// and the cheap pre-filter letting those lines through.
@Suite struct CommandAddressTests {
    let names = ["@sitrep:example.org", "Incident Bot", "sitrep"]

    @Test(arguments: [
        "@sitrep:example.org: status", "@sitrep:example.org status", "Incident Bot: status", "incident bot, status",
        "sitrep: status", "@sitrep status", "  Incident Bot:   !status",
    ])
    func everyNameOfTheBotAddressesIt(_ line: String) throws {
        let invocation = try #require(CommandInvocation.recognize(line, botNames: names))
        #expect(invocation.name == "status")
        #expect(invocation.form == .addressed)
        #expect(
            CommandInvocation.couldBeCommand(line) || CommandInvocation.mayAddressASpacedName(line),
            "the pre-filters let it through")
    }

    @Test(arguments: [
        "@sitrep:example.org", "Incident Botty: status", "Incident: status", "sitrepx: status", "the sitrep: status",
        "@other:example.org: status",
    ])
    func otherTextIsNotACommand(_ line: String) {
        #expect(CommandInvocation.recognize(line, botNames: names) == nil)
    }

    @Test func theUserIDIsNotReadAsTheLocalpartFollowedByACommand() throws {
        let invocation = try #require(
            CommandInvocation.recognize("@sitrep:example.org: note disk full", botNames: names))
        #expect(invocation.name == "note" && invocation.arguments == "disk full")
    }

    @Test func ordinaryChatWithoutAnAddressIsRuledOutCheaply() {
        for line in ["deploying the fix now", "error rate is 40% at 12:30"] {
            #expect(!CommandInvocation.couldBeCommand(line) && !CommandInvocation.mayAddressASpacedName(line))
        }
        #expect(CommandInvocation.mayAddressASpacedName("Incident Bot: status"))
    }
}
