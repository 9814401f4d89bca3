import Foundation
import Notify
import Testing

@testable import SitrepApp

/// `paging.contacts.NAME.webhook` as a mapping: the URL, the body's template and the headers a service needs.
@Suite("A person's webhook in the config")
struct PagingWebhookConfigTests {
    static let head = minimalYAML + "paging:\n  contacts:\n    bob:\n      webhook:\n"

    @Test func aMappingGivesTheTemplateAndHeadersFromValueEnvironmentAndFile() throws {
        let webhook = try ConfigDirectory.with { directory in
            directory.write("ntfy-auth", "Bearer tk_file\n")
            let yaml = Self.head + """
                        url: https://ntfy.example.org/
                        template: '{"topic": "ops", "title": "{{severity}} #{{incident}}", "click": "{{ack_url}}"}'
                        headers: { Priority: "5" }
                        headers_env: { X-Gotify-Key: GOTIFY_TOKEN }
                        headers_file: { Authorization: ntfy-auth }

                """
            return try directory.load(yaml, environment: ["GOTIFY_TOKEN": "tk_env"]).paging.people.first?.webhook
        }
        let configured = try #require(webhook)
        #expect(configured.url == "https://ntfy.example.org/")
        #expect(configured.headers.map(\.name) == ["Priority", "X-Gotify-Key", "Authorization"])
        #expect(configured.headers.map { $0.value.reveal() } == ["5", "tk_env", "Bearer tk_file"])
        #expect(!"\(configured)".contains("tk_env") && !"\(configured)".contains("tk_file"), "secrets never print")
        let fields = PageFields(incidentID: 7, title: "Disk full", severity: "SEV1", status: "declared", text: "t", person: "bob", ackURL: "https://s/ack/x")
        let target = try configured.target(secret: nil)
        #expect(String(decoding: target.template.render(fields), as: UTF8.self)
            == #"{"click":"https://s/ack/x","title":"SEV1 #7","topic":"ops"}"#)
        #expect(target.headers.map(\.value) == ["5", "tk_env", "Bearer tk_file"])
    }

    @Test func aTemplateCanComeFromAFile() throws {
        let webhook = try ConfigDirectory.with { directory in
            directory.write("gotify.json", #"{"title": "{{title}}", "message": "{{text}}", "priority": 8}"# + "\n")
            let yaml = Self.head + "        url: https://gotify.example.org/message\n        template_file: gotify.json\n"
            return try directory.load(yaml).paging.people.first?.webhook
        }
        let fields = PageFields(incidentID: 1, title: "Down", severity: "SEV2", status: "declared", text: "go", person: "bob")
        #expect(webhook.map { String(decoding: $0.template.render(fields), as: UTF8.self) }
            == #"{"message":"go","priority":8,"title":"Down"}"#)
    }

    @Test func aBareURLKeepsTheStandardBody() throws {
        let yaml = minimalYAML + "paging: { contacts: { bob: { webhook: \"https://hooks.example.org/p/abc\" } } }\n"
        let webhook = try ConfigDirectory.with { try $0.load(yaml) }.paging.people.first?.webhook
        #expect(webhook == SitrepConfig.Paging.Webhook(url: "https://hooks.example.org/p/abc"))
    }

    /// The README's recipes (the YAML blocks that start with `webhook:`) load as written, with their tokens set.
    @Test func theReadmeRecipesLoad() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst()
            .map { String($0.components(separatedBy: "```")[0]) }
            .filter { $0.hasPrefix("      webhook:\n") }
        #expect(blocks.count == 4, "ntfy, Gotify, Pushover, Apprise")
        for block in blocks {
            let webhook = try ConfigDirectory.with { directory in
                let template = directory.write("pushover-bob.json", #"{"token": "T", "message": "{{text}}"}"#)
                let yaml = Self.head.replacingOccurrences(of: "      webhook:\n", with: "")
                    + block.replacingOccurrences(of: "/etc/sitrep/pushover-bob.json", with: template)
                let environment = ["NTFY_AUTH": "Bearer tk_x", "GOTIFY_TOKEN": "g"]
                return try directory.load(yaml, environment: environment).paging.people.first?.webhook
            }
            #expect(webhook != nil, "\(block)")
        }
    }

    static let bad: [RuleCase] = [
        .webhook(
            "a placeholder is one sitrep fills", #"{ url: "https://h.example.org/", template: '{"m": "{{nope}}"}' }"#,
            expected: "paging.contacts.bob.webhook.template: unknown placeholder {{nope}}; use {{incident}}, {{title}}, "
                + "{{severity}}, {{status}}, {{text}}, {{person}}, {{ack_url}}, {{incident_url}}, {{attempt}}"),
        .webhook(
            "a placeholder is closed", #"{ url: "https://h.example.org/", template: '{"m": "{{text"}' }"#,
            expected: "paging.contacts.bob.webhook.template: has a {{ without a matching }}"),
        .webhook(
            "one template only",
            #"{ url: "https://h.example.org/", template: '{}', template_file: t.json }"#, files: ["t.json": "{}"],
            expected: "paging.contacts.bob.webhook.template_file: set only one of paging.contacts.bob.webhook.template "
                + "and paging.contacts.bob.webhook.template_file"),
        .webhook(
            "the mapping needs a URL", #"{ headers: { X-Token: abc } }"#,
            expected: "paging.contacts.bob.webhook.url: required but missing"),
        .webhook(
            "the URL is https", #"{ url: "http://h.example.org/" }"#,
            expected: #"paging.contacts.bob.webhook.url: must use https (http only to this machine), got "http://h.example.org/""#),
        .webhook(
            "a header name is a token", #"{ url: "https://h.example.org/", headers: { "X Token": abc } }"#,
            expected: #"paging.contacts.bob.webhook.headers.X Token: not an HTTP header name: "X Token" (letters, digits and -)"#),
        .webhook(
            "sitrep's own headers stay sitrep's",
            #"{ url: "https://h.example.org/", headers: { Idempotency-Key: x } }"#,
            expected: "paging.contacts.bob.webhook.headers.Idempotency-Key: Idempotency-Key is set by sitrep and cannot be configured"),
        .webhook(
            "a header from the environment needs the variable",
            #"{ url: "https://h.example.org/", headers_env: { X-Gotify-Key: GOTIFY_TOKEN } }"#,
            expected: "paging.contacts.bob.webhook.headers_env.X-Gotify-Key: environment variable GOTIFY_TOKEN is not set"),
        .webhook(
            "a header is set once",
            #"{ url: "https://h.example.org/", headers: { x-token: a }, headers_env: { X-Token: TOKEN } }"#,
            environment: ["TOKEN": "b"],
            expected: "paging.contacts.bob.webhook.headers_env.X-Token: X-Token is already set by "
                + "paging.contacts.bob.webhook.headers.x-token"),
        .webhook(
            "a header from a file has no line break inside",
            #"{ url: "https://h.example.org/", headers_file: { Authorization: auth } }"#, files: ["auth": "Bearer a\nX: b\n"],
            expected: "paging.contacts.bob.webhook.headers_file.Authorization: the value holds a line break or control character"),
        .webhook(
            "webhook keys are known", #"{ url: "https://h.example.org/", header: { A: b } }"#,
            expected: "paging.contacts.bob.webhook.header: unknown key; did you mean headers?"),
        .webhook(
            "a webhook is a URL or a mapping", #"[ "https://h.example.org/" ]"#,
            expected: "paging.contacts.bob.webhook: expected a URL or a mapping with url (and template, headers)"),
    ]

    @Test(arguments: bad)
    func aBadWebhookFailsAtStartNamingTheKey(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            for (name, contents) in rule.files { directory.write(name, contents) }
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [rule.expected])
        }
    }
}

extension RuleCase {
    /// `minimalYAML` with `paging.contacts.bob.webhook:` set to `value` (flow YAML).
    static func webhook(
        _ name: String, _ value: String, files: [String: String] = [:], environment: [String: String] = [:],
        expected: String
    ) -> RuleCase {
        RuleCase(
            name: name, yaml: minimalYAML + "paging:\n  contacts:\n    bob:\n      webhook: \(value)\n", files: files,
            environment: environment, expected: expected)
    }
}
