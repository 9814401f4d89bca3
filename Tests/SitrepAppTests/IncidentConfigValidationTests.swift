import Foundation
import SitrepCore
import Testing

@testable import SitrepApp

extension RuleCase {
    /// `minimalYAML` followed by top-level `lines` (other sections).
    static func top(_ name: String, _ lines: String, files: [String: String] = [:], expected: String) -> RuleCase {
        RuleCase(name: name, yaml: minimalYAML + lines + "\n", files: files, expected: expected)
    }
}

/// One `people.commanders` entry and what it must become: an identity, or the reason it is rejected.
struct IdentityCase: Sendable, CustomTestStringConvertible {
    var entry: String
    var identity: ChatIdentity?
    var reason: String?

    var testDescription: String { "\"\(entry)\"" }

    static func valid(_ entry: String, _ identity: ChatIdentity) -> IdentityCase {
        IdentityCase(entry: entry, identity: identity)
    }

    static func invalid(_ entry: String, _ reason: String) -> IdentityCase {
        IdentityCase(entry: entry, reason: reason)
    }
}

@Suite("Validating the store, incident and people settings")
struct IncidentConfigValidationTests {
    static let storeRules: [RuleCase] = [
        .top(
            "sqlite path is not empty",
            "store: { sqlite: { path: \"\" } }",
            expected: "store.sqlite.path: must not be empty"
        ),
        .top(
            "sqlite path is not a directory",
            "store: { sqlite: { path: data } }",
            files: ["data/keep": ""],
            expected: "store.sqlite.path: $DIR/data is a directory; name the database file inside it"
        ),
        .top(
            "sqlite directory can be created",
            "store: { sqlite: { path: state/sitrep.sqlite } }",
            files: ["state": "a file, not a directory"],
            expected: "store.sqlite.path: cannot create $DIR/state: $DIR/state is not a directory"
        ),
        .top(
            "sqlite path is a string",
            "store: { sqlite: { path: [a, b] } }",
            expected: "store.sqlite.path: expected a string"
        ),
        .top("store is a mapping", "store: yes", expected: #"store: expected a mapping, got "yes""#),
        .top(
            "misspelt store key",
            "store: { sqllite: {} }",
            expected: "store.sqllite: unknown key; did you mean sqlite?"
        ),
    ]

    static let channelRules: [RuleCase] = [
        .top(
            "prefix starts with a channel prefix",
            "incidents: { channel_prefix: inc- }",
            expected: #"incidents.channel_prefix: must start with a channel prefix (#, &, + or !), got "inc-""#
        ),
        .top(
            "prefix has no spaces",
            ##"incidents: { channel_prefix: "#inc -" }"##,
            expected:
                ##"incidents.channel_prefix: must not contain spaces, commas or control characters, got "#inc -""##
        ),
        .top(
            "prefix has no commas",
            ##"incidents: { channel_prefix: "#inc," }"##,
            expected: ##"incidents.channel_prefix: must not contain spaces, commas or control characters, got "#inc,""##
        ),
        .top(
            "prefix has no BEL",
            ##"incidents: { channel_prefix: "#inc\a" }"##,
            expected:
                "incidents.channel_prefix: must not contain spaces, commas or control characters, got \"#inc\u{7}\""
        ),
        .top(
            "prefix is at most 20 characters",
            "incidents: { channel_prefix: \"#\(String(repeating: "i", count: 20))\" }",
            expected: "incidents.channel_prefix: must be at most 20 characters, got 21"
        ),
        .top(
            "prefix is not empty",
            #"incidents: { channel_prefix: "" }"#,
            expected: "incidents.channel_prefix: must not be empty"
        ),
        .top(
            "unquoted prefix is a YAML comment",
            "incidents:\n  channel_prefix: #inc-",
            expected:
                ##"incidents.channel_prefix: is empty; quote names that start with # ("#ops"): YAML reads an unquoted # as a comment"##
        ),
        .top(
            "announce channel is a channel",
            "incidents: { announce_channel: incidents }",
            expected: #"incidents.announce_channel: must start with a channel prefix (#, &, + or !), got "incidents""#
        ),
        .top(
            "announce channel has a name",
            ##"incidents: { announce_channel: "#" }"##,
            expected: ##"incidents.announce_channel: must have a name after the prefix, got "#""##
        ),
        .top(
            "unquoted announce channel is a YAML comment",
            "incidents:\n  announce_channel: #incidents",
            expected:
                ##"incidents.announce_channel: is empty; quote names that start with # ("#ops"): YAML reads an unquoted # as a comment"##
        ),
    ]

    static let severityAndRoleRules: [RuleCase] = [
        .top(
            "default severity is sev1 to sev4",
            "incidents: { default_severity: sev5 }",
            expected: #"incidents.default_severity: must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got "sev5""#
        ),
        .top(
            "default severity number is 1 to 4",
            "incidents: { default_severity: 0 }",
            expected: #"incidents.default_severity: must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got "0""#
        ),
        .top(
            "roles are not empty",
            "incidents: { roles: [] }",
            expected: "incidents.roles: must list at least one role, e.g. [commander, comms, scribe, ops]"
        ),
        .top(
            "roles are lower-case",
            "incidents: { roles: [ops, Comms] }",
            expected:
                #"incidents.roles[1]: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got "Comms""#
        ),
        .top(
            "roles are single words",
            #"incidents: { roles: ["on call"] }"#,
            expected:
                #"incidents.roles[0]: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got "on call""#
        ),
        .top(
            "roles are unique",
            "incidents: { roles: [ops, comms, ops] }",
            expected: #"incidents.roles[2]: duplicate of incidents.roles[0] "ops""#
        ),
        .top(
            "roles is a list",
            "incidents: { roles: ops }",
            expected: #"incidents.roles: expected a list of strings, got "ops""#
        ),
        .top(
            "misspelt incidents key",
            "incidents: { channel-prefix: \"#i-\" }",
            expected: "incidents.channel-prefix: unknown key; did you mean channel_prefix?"
        ),
    ]

    static let matrixRules: [RuleCase] = [
        .top(
            "matrix has 3 rows",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3, P4]]",
            expected: "incidents.priority_matrix: must have 3 rows (impact high, medium, low), got 2"
        ),
        .top(
            "matrix has no 4th row",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3, P4], [P3, P4, P5], [P5, P5, P5]]",
            expected: "incidents.priority_matrix: must have 3 rows (impact high, medium, low), got 4"
        ),
        .top(
            "matrix rows have 3 priorities",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3], [P3, P4, P5]]",
            expected: "incidents.priority_matrix[1]: must have 3 priorities (urgency high, medium, low), got 2"
        ),
        .top(
            "matrix values are P1 to P5",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3, P6], [P3, P4, P5]]",
            expected: #"incidents.priority_matrix[1][2]: must be one of P1, P2, P3, P4, P5, got "P6""#
        ),
        .top(
            "matrix values are priorities, not numbers",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3, P4], [3, P4, P5]]",
            expected: #"incidents.priority_matrix[2][0]: must be one of P1, P2, P3, P4, P5, got "3""#
        ),
        .top(
            "matrix values are not empty",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, null, P4], [P3, P4, P5]]",
            expected: "incidents.priority_matrix[1][1]: is empty; expected one of P1, P2, P3, P4, P5"
        ),
        .top(
            "matrix rows are lists",
            "incidents:\n  priority_matrix: [[P1, P2, P3], [P2, P3, P4], P3]",
            expected: "incidents.priority_matrix[2]: expected a list of 3 priorities (urgency high, medium, low)"
        ),
        .top(
            "matrix is a list",
            "incidents: { priority_matrix: itil }",
            expected:
                #"incidents.priority_matrix: expected a list of 3 rows, each a list of 3 priorities (P1 to P5), got "itil""#
        ),
    ]

    static let peopleRules: [RuleCase] = [
        .top(
            "people entries are not null",
            "people: { commanders: [alice, null] }",
            expected:
                "people.commanders[1]: is empty; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"
        ),
        .top(
            "responder entries are checked too",
            #"people: { responders: [ok, "x:y"] }"#,
            expected:
                #"people.responders[1]: unknown kind "x" in "x:y"; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"#
        ),
        .top(
            "allow nick identities is a boolean",
            "people: { allow_nick_identities: maybe }",
            expected: #"people.allow_nick_identities: expected true or false, got "maybe""#
        ),
        .top(
            "commanders is a list",
            "people: { commanders: alice }",
            expected: #"people.commanders: expected a list of strings, got "alice""#
        ),
        .top(
            "misspelt people key",
            "people: { commander: [alice] }",
            expected: "people.commander: unknown key; did you mean commanders?"
        ),
    ]

    @Test(arguments: storeRules + channelRules + severityAndRoleRules + matrixRules + peopleRules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            for (name, contents) in rule.files {
                directory.write(name, contents)
            }
            let expected = rule.expected.replacingOccurrences(of: "$DIR", with: directory.path)
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [expected])
        }
    }

    static let identities: [IdentityCase] = [
        .valid("alice", .account("alice")),
        .valid("account:alice", .account("alice")),
        .valid("Account:Alice[m]", .account("Alice[m]")),
        .valid("nick:bob", .nick("bob")),
        .valid("NICK:b0b|away", .nick("b0b|away")),
        .invalid("nick:", #"must have a name after nick:, got "nick:""#),
        .invalid("account:", #"must have a name after account:, got "account:""#),
        .invalid(
            "foo:bar",
            #"unknown kind "foo" in "foo:bar"; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"#
        ),
        .invalid(
            ":alice",
            #"unknown kind "" in ":alice"; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"#
        ),
        .invalid("al ice", #"must not contain spaces or control characters, got "al ice""#),
        .invalid("nick: bob", #"must not contain spaces or control characters, got "nick: bob""#),
        .invalid(" alice", #"must not contain spaces or control characters, got " alice""#),
        .invalid("nick:9lives", #"nick must not start with a digit or '-', got "9lives""#),
        .invalid("a,b", #"account names contain no ':' or ',', got "a,b""#),
        .invalid("account:a:b", #"account names contain no ':' or ',', got "account:a:b""#),
        .invalid("", "must not be empty; write NAME or account:NAME for a services account, nick:NAME for a nick, @NAME:SERVER for a Matrix user"),
    ]

    @Test(arguments: identities)
    func identityEntryIsParsedOrRejected(_ test: IdentityCase) throws {
        let yaml = minimalYAML + "people:\n  commanders: [\"\(test.entry)\"]\n  allow_nick_identities: true\n"
        try ConfigDirectory.with { directory in
            if let identity = test.identity {
                let config = try directory.load(yaml)
                #expect(config.people.commanders == [identity])
                #expect(config.permissions.commanders == [identity])
            } else {
                #expect(directory.problems(yaml) == ["people.commanders[0]: \(test.reason ?? "")"])
            }
        }
    }

    @Test func nickEntriesAreIgnoredWithAWarningWhenNickIdentitiesAreNotAllowed() throws {
        let yaml =
            minimalYAML + """
                people:
                  commanders: [alice, "nick:bob"]
                  responders: ["nick:carol", dave]

                """
        let config = try ConfigDirectory.with { try $0.load(yaml) }
        #expect(config.people.commanders == [.account("alice"), .nick("bob")])
        #expect(config.people.allowNickIdentities == false)
        #expect(
            config.permissions
                == Permissions(
                    commanders: [.account("alice")],
                    responders: [.account("dave")],
                    allowNickIdentities: false
                )
        )
        #expect(
            config.warnings.map(\.description) == [
                #"people.commanders[1]: "nick:bob" is ignored because people.allow_nick_identities is false; list the services account instead"#,
                #"people.responders[0]: "nick:carol" is ignored because people.allow_nick_identities is false; list the services account instead"#,
            ]
        )
    }

    @Test func allowedNickEntriesGrantRightsAndAreWarnedAbout() throws {
        let yaml = minimalYAML + "people: { commanders: [\"nick:bob\"], allow_nick_identities: true }\n"
        let config = try ConfigDirectory.with { try $0.load(yaml) }
        #expect(config.permissions == Permissions(commanders: [.nick("bob")], allowNickIdentities: true))
        #expect(config.warnings.map(\.keyPath) == ["people.allow_nick_identities"])
        let bob = Participant(identity: .nick("bob"), nick: "Bob")
        #expect(config.permissions.rights(for: bob) == .commander)
    }

    @Test func everyNewProblemIsReportedAtOnce() {
        let yaml =
            minimalYAML + """
                store: { sqlite: { path: "" } }
                incidents:
                  channel_prefix: inc-
                  default_severity: high
                  roles: [Ops]
                  priority_matrix: [[P1, P2, P3], [P2, P9, P4]]
                people: { commanders: ["nick:"], responders: [a b] }

                """
        let lines = ConfigDirectory.with { $0.problems(yaml) }
        #expect(
            lines == [
                "store.sqlite.path: must not be empty",
                #"incidents.channel_prefix: must start with a channel prefix (#, &, + or !), got "inc-""#,
                #"incidents.default_severity: must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got "high""#,
                #"incidents.roles[0]: must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got "Ops""#,
                "incidents.priority_matrix: must have 3 rows (impact high, medium, low), got 2",
                #"incidents.priority_matrix[1][1]: must be one of P1, P2, P3, P4, P5, got "P9""#,
                #"people.commanders[0]: must have a name after nick:, got "nick:""#,
                #"people.responders[0]: must not contain spaces or control characters, got "a b""#,
            ]
        )
    }
}
