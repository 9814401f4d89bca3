import Testing

@testable import SitrepApp

/// The commands that only read the store (`export`, `verify`, `report`, `search`, `review`) load the config with
/// `.store` secrets: the chat passwords and tokens need not be in the environment, the store's password still is.
@Suite("Loading a config for a store-only command")
struct StoreOnlySecretsTests {
    /// IRC with a SASL password from the environment, Matrix with a password and an encryption key, alert hooks and
    /// internal views with tokens, and PostgreSQL with its password: all from variables.
    static let yaml = """
        irc:
          host: irc.example.org
          nick: sitrep
          channels: ["#ops"]
          sasl:
            mechanism: plain
            account: sitrep
            password_env: SITREP_SASL_PASSWORD
        matrix:
          homeserver: https://matrix.example.org
          user_id: "@sitrep:example.org"
          password_env: SITREP_MATRIX_PASSWORD
          encryption_key_env: SITREP_MATRIX_KEY
        incidents:
          announce_channel: "#ops"
        alerts:
          token_env: SITREP_ALERT_TOKEN
        web:
          internal_token_env: SITREP_WEB_TOKEN
        store:
          postgres: { hosts: [db1], database: sitrep, user: sitrep, password_env: SITREP_PG_PASSWORD }

        """

    @Test func aStoreOnlyLoadNeedsNoChatSecret() throws {
        let config = try ConfigDirectory.with { directory in
            try SitrepConfig.load(
                path: directory.write("sitrep.yaml", Self.yaml), environment: ["SITREP_PG_PASSWORD": "pg-secret"],
                secrets: .store)
        }
        #expect(config.store.postgres?.password?.reveal() == "pg-secret")
        #expect(config.matrix?.userID == "@sitrep:example.org")
    }

    @Test func aStoreOnlyLoadStillNeedsTheStorePassword() {
        let problems = ConfigDirectory.with { directory -> [String] in
            do throws(ConfigError) {
                _ = try SitrepConfig.load(path: directory.write("sitrep.yaml", Self.yaml), environment: [:], secrets: .store)
                return []
            } catch {
                return error.lines
            }
        }
        #expect(problems.contains { $0.contains("store.postgres.password_env: environment variable SITREP_PG_PASSWORD") })
        #expect(!problems.contains { $0.contains("matrix") || $0.contains("irc.sasl") || $0.contains("alerts") })
    }

    @Test func runNeedsEveryChatSecret() {
        let problems = ConfigDirectory.with { $0.problems(Self.yaml, environment: ["SITREP_PG_PASSWORD": "pg"]) }
        for key in [
            "irc.sasl.password_env", "matrix.password_env", "matrix.encryption_key_env", "alerts.token_env",
            "web.internal_token_env",
        ] {
            #expect(problems.contains { $0.hasPrefix(key) }, "\(key) in \(problems)")
        }
    }
}
