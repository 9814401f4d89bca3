import Testing

@testable import SitrepApp

/// `incidents.grant_chat_rights`: off unless written, read as written, and anything but a boolean is an error.
@Suite("The grant_chat_rights switch in the config")
struct GrantChatRightsConfigTests {
    @Test func isOffWhenNotWritten() throws {
        let config = try ConfigDirectory.with { directory in try directory.load(minimalYAML) }
        #expect(config.incidents.grantChatRights == false)
    }

    @Test(arguments: [true, false])
    func isReadAsWritten(_ value: Bool) throws {
        let yaml = minimalYAML + "incidents:\n  grant_chat_rights: \(value)\n"
        let config = try ConfigDirectory.with { directory in try directory.load(yaml) }
        #expect(config.incidents.grantChatRights == value)
    }

    @Test(arguments: ["sometimes", "\"yes please\"", "[true]", "2"])
    func aValueThatIsNotABooleanIsReportedByItsKey(_ value: String) {
        ConfigDirectory.with { directory in
            let problems = directory.problems(minimalYAML + "incidents:\n  grant_chat_rights: \(value)\n")
            #expect(problems.count == 1)
            #expect(problems.first?.hasPrefix("incidents.grant_chat_rights: expected true or false") == true)
        }
    }
}
