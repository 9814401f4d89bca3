import Foundation
import Paging
import SitrepCore
import Testing

@testable import SitrepApp

@Suite("Contact methods and notification rules in the config")
struct PagingConfigTests {
    @Test func withoutAPagingSectionEveryoneIsPagedInChatOnly() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.paging == SitrepConfig.Paging())
        #expect(config.paging.rules(of: .account("bob")) == .chatOnly)
        #expect(config.paging.contacts(of: .account("bob"), nick: "bob_") == [.chat: "bob_"])
    }

    @Test func defaultsAndPeopleWithTheirOwnRules() throws {
        let yaml = minimalYAML + """
            smtp: { host: mail.example.org, from: sitrep@example.org }
            paging:
              rules:
                - { method: chat }
                - { method: email, after: 1m }
                - { method: webhook, after: 3m }
              repeat_every: 10m
              rounds: 3
              contacts:
                bob: { email: bob@example.org, webhook: "https://ntfy.example.org/sitrep-bob" }
                "nick:dave":
                  email: dave@example.org
                  rules: [{ method: email }]

            """
        let paging = try ConfigDirectory.with { try $0.load(yaml) }.paging
        #expect(
            paging.defaultRules
                == NotificationRules(
                    steps: [NotificationStep(.chat, unreadAfter: .seconds(60)), NotificationStep(.email, after: .seconds(60)),
                        NotificationStep(.webhook, after: .seconds(180))],
                    repeatEvery: .seconds(600), rounds: 3))
        #expect(
            paging.contacts(of: .account("bob"), nick: "bob")
                == [.chat: "bob", .email: "bob@example.org", .webhook: "https://ntfy.example.org/sitrep-bob"])
        #expect(paging.rules(of: .account("BOB")) == paging.defaultRules)
        #expect(paging.rules(of: .nick("dave")) == NotificationRules(steps: [NotificationStep(.email)]))
    }

    @Test func aChatStepMayStayUnreadOneMinuteUnlessTheRulesSayOtherwise() throws {
        let yaml = minimalYAML + """
            paging:
              rules: [{ method: chat, unread_after: 5m }]
              contacts:
                bob: { rules: [{ method: chat, unread_after: "off" }] }
                carol: { rules: [{ method: chat }] }

            """
        let paging = try ConfigDirectory.with { try $0.load(yaml) }.paging
        #expect(paging.defaultRules.steps == [NotificationStep(.chat, unreadAfter: .seconds(300))])
        #expect(paging.rules(of: .account("bob")).steps == [NotificationStep(.chat)], "off: never counted unread")
        #expect(paging.rules(of: .account("carol")).steps == [NotificationStep(.chat, unreadAfter: .seconds(60))])
        #expect(paging.rules(of: .account("bob")).withoutReadReports.steps.allSatisfy { $0.unreadAfter == nil })
    }

    static let rules: [RuleCase] = [
        .top(
            "a method is one sitrep knows", "paging: { rules: [{ method: fax }] }",
            expected: #"paging.rules[0].method: unknown method "fax"; use chat, email, webhook"#),
        .top(
            "steps come in order", "paging: { rules: [{ method: email, after: 2m }, { method: chat, after: 1m }] }",
            expected: "paging.rules[1].after: must not come before the step above it (2m)"),
        .top(
            "rounds need a repeat", "paging: { rules: [{ method: chat }], rounds: 3 }",
            expected: "paging.repeat_every: required when rounds is more than 1"),
        .top(
            "an email needs a mail server", "paging: { contacts: { bob: { email: bob@example.org } } }",
            expected: "paging.contacts.bob.email: needs an smtp: section to send page emails through"),
        .top(
            "an email address is one", "paging: { contacts: { bob: { email: \"bob at example\" } } }",
            expected: #"paging.contacts.bob.email: not an email address: "bob at example" (write name@example.org)"#),
        .top(
            "a webhook is https", "paging: { contacts: { bob: { webhook: \"http://hooks.example.org/x\" } } }",
            expected: #"paging.contacts.bob.webhook: must use https (http only to this machine), got "http://hooks.example.org/x""#),
        .top(
            "own rules name reachable methods", "paging: { contacts: { bob: { rules: [{ method: webhook }] } } }",
            expected: "paging.contacts.bob.rules[0].method: webhook needs paging.contacts.bob.webhook"),
        .top(
            "only chat can be unread", "paging: { rules: [{ method: chat }, { method: webhook, unread_after: 2m }] }",
            expected: "paging.rules[1].unread_after: only a chat step can have one (read receipts are a chat thing)"),
        .top(
            "an unread time is positive", "paging: { rules: [{ method: chat, unread_after: 0s }] }",
            expected: "paging.rules[0].unread_after: must be positive, or off"),
        .top(
            "an unread time is a duration", "paging: { rules: [{ method: chat, unread_after: soon }] }",
            expected: #"paging.rules[0].unread_after: expected a duration like 500ms, 1s, 2m, 1h, 1d or a number of seconds, got "soon""#),
        .top(
            "contact keys are known", "paging: { contacts: { bob: { mail: bob@example.org } } }",
            expected: "paging.contacts.bob.mail: unknown key; did you mean email?"),
    ]

    @Test(arguments: rules)
    func aBadPagingConfigFailsNamingTheKey(_ rule: RuleCase) {
        let problems = ConfigDirectory.with { $0.problems(rule.yaml) }
        #expect(problems == [rule.expected])
    }
}
