import SitrepCore
import Testing

@testable import SitrepApp

/// The `matrix:` section: off when absent, a password or a token from the environment or a file, the homeserver,
/// user id, device and rooms checked and reported as `matrix.key: reason`; people listed by Matrix user id.
@Suite("Matrix config")
struct MatrixConfigTests {
    static let matrixYAML = """
        matrix:
          homeserver: https://matrix.example.org/
          user_id: "@sitrep:example.org"
          password_env: SITREP_MATRIX_PASSWORD
          rooms: ["!ops:example.org", "#incidents:example.org"]
          announce_room: "#incidents:example.org"

        """

    @Test func absentSectionMeansIRCOnly() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.matrix == nil)
    }

    @Test func aPasswordFromTheEnvironmentAndTheDefaults() throws {
        let config = try ConfigDirectory.with {
            try $0.load(minimalYAML + Self.matrixYAML, environment: ["SITREP_MATRIX_PASSWORD": "hunter2"])
        }
        let matrix = try #require(config.matrix)
        #expect(matrix.homeserver == "https://matrix.example.org")
        #expect(matrix.userID == "@sitrep:example.org")
        #expect(matrix.credentials == .password(Secret("hunter2")))
        #expect(matrix.deviceID == "SITREP")
        #expect(matrix.rooms == ["!ops:example.org", "#incidents:example.org"])
        #expect(matrix.announceRoom == "#incidents:example.org")
        #expect(matrix.insecure == false && matrix.caFile == nil)
    }

    @Test func anAccessTokenFromAFileWithTrustedCA() throws {
        let config = try ConfigDirectory.with { directory in
            directory.write("token", "syt_abc\n")
            directory.write("ca.pem", fakeCertificatePEM)
            return try directory.load(
                minimalYAML + """
                    matrix:
                      homeserver: http://127.0.0.1:8008
                      user_id: "@bot:localhost"
                      access_token_file: token
                      device_id: BOT-1
                      tls:
                        ca_file: ca.pem

                    """)
        }
        let matrix = try #require(config.matrix)
        #expect(matrix.credentials == .accessToken(Secret("syt_abc")))
        #expect(matrix.deviceID == "BOT-1")
        #expect(matrix.caFile?.hasSuffix("/ca.pem") == true)
    }

    @Test func everyBadValueIsReportedWithItsKey() {
        let problems = ConfigDirectory.with {
            $0.problems(
                minimalYAML + """
                    matrix:
                      homeserver: http://matrix.example.org/path
                      user_id: sitrep
                      device_id: "a b"
                      rooms: [ops, "!ok:example.org"]
                      announce_room: "#incidents"
                      token: x

                    """)
        }
        #expect(
            problems.sorted() == [
                "matrix.announce_room: must be a room id (\"!abc:example.org\") or alias (\"#ops:example.org\"), got \"#incidents\"",
                "matrix.device_id: must be 1 to 64 letters, digits, '-', '_' or '.', got \"a b\"",
                "matrix.homeserver: must be https://host[:port] without a path, got \"http://matrix.example.org/path\"",
                "matrix.rooms[0]: must be a room id (\"!abc:example.org\") or alias (\"#ops:example.org\"), got \"ops\"",
                "matrix.token: unknown key; expected one of homeserver, user_id, password_env, password_file, access_token_env, access_token_file, device_id, tls, rooms, announce_room, command_prefix, encryption_key_env, encryption_key_file, incident_room_encryption",
                "matrix.user_id: must be a Matrix user id like \"@sitrep:example.org\", got \"sitrep\"",
                "matrix: needs one of password_env, password_file, access_token_env or access_token_file",
            ])
    }

    @Test func theEncryptionKeyComesFromTheEnvironmentOrAFileAndIsLongEnough() throws {
        let base = minimalYAML + """
            matrix:
              homeserver: https://matrix.example.org
              user_id: "@sitrep:example.org"
              password_env: P

            """
        let long = String(repeating: "k", count: 64)
        let config = try ConfigDirectory.with {
            try $0.load(base.replacingOccurrences(of: "  password_env: P\n", with: "  password_env: P\n  encryption_key_env: K\n"),
                environment: ["P": "p", "K": long])
        }
        #expect(config.matrix?.encryptionKey == Secret(long))
        #expect(config.matrix?.incidentRoomEncryption == .auto)
        #expect(!String(describing: config).contains(long))
        let cases: [(String, [String: String], String)] = [
            ("  encryption_key_env: K\n", ["K": "short"],
                "matrix.encryption_key_env: the key must have at least 32 bytes (e.g. `openssl rand -hex 32`)"),
            ("  incident_room_encryption: always\n", [:],
                "matrix.incident_room_encryption: always needs encryption_key_env or encryption_key_file"),
            ("  incident_room_encryption: sometimes\n", [:],
                "matrix.incident_room_encryption: must be auto, always or never, got \"sometimes\""),
        ]
        for (line, environment, expected) in cases {
            let problems = ConfigDirectory.with {
                $0.problems(
                    base.replacingOccurrences(of: "  password_env: P\n", with: "  password_env: P\n" + line),
                    environment: environment.merging(["P": "p"]) { $1 })
            }
            #expect(problems == [expected])
        }
    }

    @Test func plainHTTPOnlyOnLoopbackAndOneKindOfCredential() {
        let problems = ConfigDirectory.with {
            $0.problems(
                minimalYAML + """
                    matrix:
                      homeserver: http://matrix.example.org
                      user_id: "@sitrep:example.org"
                      password_env: P
                      access_token_env: T

                    """, environment: ["P": "p", "T": "t"])
        }
        #expect(
            problems.sorted() == [
                "matrix.homeserver: must use https:// (http:// only to a homeserver on loopback), got \"http://matrix.example.org\"",
                "matrix: set either a password (password_env/password_file) or a token (access_token_env/access_token_file), not both",
            ])
        #expect(SitrepApp.MatrixConfigReader.homeserverProblem("http://localhost:8008") == nil)
        #expect(SitrepApp.MatrixConfigReader.homeserverProblem("http://[::1]:8008") == nil)
    }

    @Test func peopleAreListedByMatrixUserID() throws {
        let config = try ConfigDirectory.with {
            try $0.load(minimalYAML + "people:\n  commanders: [alice, \"@bob:example.org\"]\n")
        }
        #expect(
            config.people.commanders == [.account("alice"), .account("@bob:example.org", network: "matrix")])
        let problems = ConfigDirectory.with { $0.problems(minimalYAML + "people:\n  responders: [\"@bob\"]\n") }
        #expect(problems == ["people.responders[0]: is not a Matrix user id (@NAME:SERVER), got \"@bob\""])
    }
}
