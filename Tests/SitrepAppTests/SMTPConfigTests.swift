import Notify
import NotifyClient
import Testing

@testable import SitrepApp

/// The `smtp:` section: off when absent, the port following `tls`, the password from the environment or a file
/// and never shown, a private CA, and every bad value reported as `smtp.key: reason`.
@Suite("SMTP config")
struct SMTPConfigTests {
    static let password = "smtp-password-never-shown"

    static func smtpYAML(_ lines: String) -> String { minimalYAML + "smtp:\n" + lines }

    @Test func absentSectionMeansNoEmail() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.smtp == nil)
    }

    @Test func fullSectionLoadsWithPasswordFileAndPrivateCA() throws {
        let config = try ConfigDirectory.with { directory in
            directory.write("smtp-password", Self.password + "\n")
            directory.write("mail-ca.crt", fakeCertificatePEM)
            return try directory.load(
                Self.smtpYAML(
                    """
                      host: mail.example.org
                      tls: implicit
                      from: sitrep@example.org
                      from_name: sitrep pager
                      username: sitrep
                      password_file: smtp-password
                      ca_file: mail-ca.crt
                      timeout: 30s

                    """))
        }
        let smtp = try #require(config.smtp)
        #expect(smtp.port == 465 && smtp.security == .implicitTLS)
        #expect(smtp.from == (try EmailAddress("sitrep@example.org", displayName: "sitrep pager")))
        let client = smtp.clientConfiguration
        #expect(client.credentials == SMTPCredentials(username: "sitrep", password: Self.password))
        #expect(client.deliveryTimeout == .seconds(30))
        guard case .systemAndFile(let path) = client.trustRoots else {
            Issue.record("expected the private CA to be trusted")
            return
        }
        #expect(path.hasSuffix("/mail-ca.crt") && path.hasPrefix("/"))
        #expect(!String(describing: config).contains(Self.password))
    }

    @Test func defaultsAreStartTLSOnTheSubmissionPortWithoutLogin() throws {
        let config = try ConfigDirectory.with {
            try $0.load(Self.smtpYAML("  host: 127.0.0.1\n  from: sitrep@example.org\n"))
        }
        let smtp = try #require(config.smtp)
        #expect(smtp.security == .startTLS && smtp.port == 587 && smtp.username == nil)
        #expect(smtp.clientConfiguration.credentials == nil && smtp.clientConfiguration.trustRoots == .system)
    }

    @Test(arguments: [
        ("  from: a@example.org\n", "smtp.host: required but missing"),
        ("  host: mail.example.org\n", "smtp.from: required but missing"),
        ("  host: mail.example.org\n  from: nobody\n", "smtp.from: nobody is not of the form name@domain.example"),
        ("  host: mail.example.org\n  from: a@example.org\n  tls: ssl\n", "smtp.tls: must be starttls, implicit or none"),
        ("  host: mail.example.org\n  from: a@example.org\n  port: 0\n", "smtp.port: must be between 1 and 65535, got 0"),
        ("  host: mail.example.org\n  from: a@example.org\n  username: u\n", "smtp.username: needs password_env or password_file"),
        ("  host: mail.example.org\n  from: a@example.org\n  timeout: 1h\n", "smtp.timeout: must be from 1 second to 10 minutes"),
        ("  host: mail.example.org\n  from: a@example.org\n  tls: none\n  username: u\n  password_env: P\n",
         "smtp.tls: must be starttls or implicit when username is set"),
        ("  host: mail.example.org\n  from: a@example.org\n  colour: red\n", "smtp.colour: unknown key"),
    ])
    func badValuesAreReportedUnderTheirKey(yaml: String, problem: String) {
        let problems = ConfigDirectory.with { $0.problems(Self.smtpYAML(yaml), environment: ["P": "x"]) }
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(problem) == true, "\(problems)")
    }
}
