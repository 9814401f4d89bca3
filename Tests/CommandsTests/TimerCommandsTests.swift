import Commands
import SitrepCore
import Testing

@Suite struct TimerCommandsTests {
    @Test(arguments: [
        ("remind", "", "say when and what, e.g. !remind 15m check the replica lag; usage: !remind <duration> <text>"),
        ("remind", "15m", "say what to remind of after 15m; usage: !remind <duration> <text>"),
        ("remind", "8d check", "the duration must be at most 7d; usage: !remind <duration> <text>"),
        (
            "remind", "soon check",
            "not a duration: soon (write 90s, 15m, 2h, 1h30m or 1d); usage: !remind <duration> <text>"
        ),
        ("snooze", "", "give a duration like 15m, 2h or 1h30m; usage: !snooze <duration>"),
        ("snooze", "0s", "the duration must be at least 1s; usage: !snooze <duration>"),
        ("snooze", "30m please", "give only a duration; usage: !snooze <duration>"),
        (
            "timers", "all",
            "name the incident by its number (2, #2 or INC-2), or nothing for this one; usage: !timers [incident]"
        ),
    ])
    func badInputSaysWhatIsWrong(name: String, arguments: String, reply: String) {
        guard case .failure(let failure) = CommandRegistry.parse(name: name, arguments: arguments) else {
            Issue.record("/\(name) \(arguments) parsed")
            return
        }
        #expect(failure.reply == reply)
    }

    @Test func theReminderTextIsKeptAsTyped() throws {
        let intent = try CommandRegistry.parse(name: "remind", arguments: "2h  ping @dba about 🔥 lag").get()
        #expect(intent == .remind(after: .seconds(7200), text: "ping @dba about 🔥 lag"))
    }

    @Test func aliasesWork() {
        #expect(CommandRegistry.command(named: "reminder")?.name == "remind")
        #expect(CommandRegistry.command(named: "pending")?.name == "timers")
    }
}
