import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import SitrepCore
import Testing

@testable import SitrepWeb

/// The alert hooks over a real socket: credentials, limits, bad bodies, and what reaches the sink.
@Suite struct AlertHookHTTPTests {
    typealias S = HookServer

    @Test func alertmanagerWithTheBearerTokenIsAccepted() async throws {
        let sink = RecordingSink()
        let body = try S.fixture("alertmanager-firing.json")
        try await S.run(sink: sink) { client in
            let response = try await S.post(client, "/hooks/alertmanager", body: body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let summary = try JSONDecoder().decode(AlertIntakeSummary.self, from: Data(buffer: response.body))
            #expect(summary == AlertIntakeSummary(received: 1, alerts: [1]))
        }
        let notices = try #require(sink.received.first)
        #expect(notices.count == 1)
        #expect(notices[0].fingerprint == "e232b6eec4e1796f" && notices[0].status == .firing)
        #expect(notices[0].title == "Checkout error rate above 5%")
    }

    @Test func aGroupedNotificationDeliversEveryAlertInOrder() async throws {
        let sink = RecordingSink()
        let body = try S.fixture("alertmanager-grouped.json")
        try await S.run(sink: sink) { client in
            let response = try await S.post(client, "/hooks/alertmanager", body: body)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("\"received\":3"))
        }
        #expect(sink.received.map { $0.map(\.status) } == [[.firing, .firing, .resolved]])
        #expect(sink.received.first?.map { $0.labels["instance"] } == ["api-0:8080", "api-1:8080", "api-2:8080"])
    }

    @Test func aGenericAlertSignedWithHMACIsAccepted() async throws {
        let sink = RecordingSink()
        let json =
            #"{"source":"grafana","alerts":[{"id":"checkout-5xx","title":"Checkout 5xx","severity":"critical"}]}"#
        let body = Array(json.utf8)
        try await S.run(sink: sink) { client in
            let response = try await S.post(client, "/hooks/generic", headers: S.signed(body), body: body)
            #expect(response.status == .ok)
        }
        let notice = try #require(sink.received.first?.first)
        #expect(notice.source == "grafana" && notice.labels == ["alertname": "Checkout 5xx", "severity": "critical"])
        #expect(notice.fingerprint == AlertFingerprint.identifier(source: "grafana", id: "checkout-5xx"))
    }

    @Test(
        arguments: [
            ("wrong token", [.authorization: "Bearer not-the-token"]),
            ("no credentials", [:]),
            ("basic auth", [.authorization: "Basic czNjcjN0LWJlYXJlci10b2tlbg=="]),
            ("wrong signature", [.init("X-Sitrep-Signature")!: "sha256=" + String(repeating: "ab", count: 32)]),
            ("signature not hex", [.init("X-Sitrep-Signature")!: "sha256=zz"]),
            ("signature of another body", S.signed(Array("{}".utf8))),
            ("token as signature", [.init("X-Sitrep-Signature")!: S.token]),
        ] as [(String, HTTPFields)]
    )
    func wrongOrMissingCredentialsAreRefusedWith401(name: String, headers: HTTPFields) async throws {
        let sink = RecordingSink()
        let logs = InMemoryLogHandler()
        let body = try S.fixture("alertmanager-firing.json")
        try await S.run(sink: sink, logs: logs) { client in
            let response = try await S.post(client, "/hooks/alertmanager", headers: headers, body: body)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"sitrep\"")
            #expect(String(buffer: response.body).hasPrefix("missing or wrong bearer token"))
        }
        #expect(sink.received.isEmpty)
        #expect(logs.lines.contains { $0.contains("alert hook refused a request") && $0.contains("status=401") })
        #expect(!logs.lines.contains { $0.contains(S.token) || $0.contains(S.hmacSecret) })
    }

    @Test func withOnlyABearerTokenConfiguredAWrongOneIsRefusedBeforeTheBodyIsRead() async throws {
        let configuration = AlertHookConfiguration(bearerToken: HookSecret(S.token), maxBodyBytes: 1_024)
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 4_096)
        try await S.run(configuration: configuration) { client in
            let response = try await S.post(
                client,
                "/hooks/generic",
                headers: [.authorization: "Bearer no"],
                body: huge
            )
            #expect(response.status == .unauthorized)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        let sink = RecordingSink()
        let configuration = AlertHookConfiguration(
            bearerToken: HookSecret(S.token),
            hmacSecret: HookSecret(S.hmacSecret),
            maxBodyBytes: 1_024
        )
        let body = try S.fixture("alertmanager-firing.json")
        #expect(body.count > 1_024)
        try await S.run(configuration: configuration, sink: sink) { client in
            let bearer = try await S.post(client, "/hooks/alertmanager", body: body)
            #expect(bearer.status == .contentTooLarge)
            #expect(String(buffer: bearer.body).contains("over the limit of 1024"))
            let signed = try await S.post(client, "/hooks/alertmanager", headers: S.signed(body), body: body)
            #expect(signed.status == .contentTooLarge)
        }
        #expect(sink.received.isEmpty)
    }

    @Test(arguments: [
        ("not json", "body is not valid JSON"),
        (
            #"{"version":"3","status":"firing","alerts":[]}"#,
            #"version: sitrep reads Alertmanager webhook version 4, got "3""#
        ),
        (
            #"{"version":"4","status":"firing","alerts":[{"status":"pending","labels":{}}]}"#,
            #"alerts[0].status: expected "firing" or "resolved", got "pending""#
        ),
        (#"{"version":"4","status":"firing","alerts":[{"status":"firing"}]}"#, "alerts[0].labels: required"),
        (
            #"{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"a":1}}]}"#,
            "alerts[0].labels.a: expected a string"
        ),
        (
            #"{"version":"4","alerts":[{"status":"firing","labels":{},"startsAt":"yesterday"}]}"#,
            #"alerts[0].startsAt: expected an RFC 3339 time, got "yesterday""#
        ),
        (#"{"version":"4","status":"firing"}"#, "alerts: required"),
    ])
    func aMalformedAlertmanagerBodyGets400WithItsReason(body: String, reason: String) async throws {
        let sink = RecordingSink()
        let logs = InMemoryLogHandler()
        try await S.run(sink: sink, logs: logs) { client in
            let response = try await S.post(client, "/hooks/alertmanager", body: Array(body.utf8))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body) == reason + "\n")
        }
        #expect(sink.received.isEmpty)
        #expect(logs.lines.contains { $0.contains("reason=\(reason)") && $0.contains("hook=alertmanager") })
    }

    @Test func aSinkThatCannotRecordMakesTheSenderRetryWith503() async throws {
        let body = try S.fixture("alertmanager-resolved.json")
        try await S.run(sink: RecordingSink(fails: true)) { client in
            let response = try await S.post(client, "/hooks/alertmanager", body: body)
            #expect(response.status == .serviceUnavailable)
        }
    }

    @Test func onlyPOSTIsServed() async throws {
        try await S.run { client in
            try await client.execute(uri: "/hooks/alertmanager", method: .get, headers: S.bearer()) { response in
                #expect(response.status == .methodNotAllowed || response.status == .notFound)
            }
        }
    }
}
