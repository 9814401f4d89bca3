import SitrepCore
import Testing

@testable import SitrepWeb

/// Decoding Alertmanager's v4 webhook (from fixtures in its documented format) and the generic hook's JSON.
@Suite struct AlertPayloadDecodingTests {
    typealias S = HookServer

    static func alertmanager(_ name: String) throws -> [AlertNotice] {
        try HookDecoding.decode(AlertmanagerPayload.self, from: try S.fixture(name)).notices
    }

    static func generic(_ json: String) throws(HookBodyError) -> [AlertNotice] {
        try HookDecoding.decode(GenericAlertPayload.self, from: Array(json.utf8)).notices
    }

    @Test func aFiringAlertKeepsEveryFieldAndGoZeroTimeMeansNoEnd() throws {
        let payload = try HookDecoding.decode(AlertmanagerPayload.self, from: try S.fixture("alertmanager-firing.json"))
        #expect(payload.receiver == "sitrep" && payload.status == .firing && payload.truncatedAlerts == 0)
        #expect(payload.groupKey == #"{}:{alertname="HighErrorRate"}"#)
        #expect(payload.groupLabels == ["alertname": "HighErrorRate"])
        #expect(payload.externalURL == "http://alertmanager.example.org:9093")
        let notice = try #require(payload.notices.first)
        #expect(notice.source == "alertmanager" && notice.fingerprint == "e232b6eec4e1796f")
        #expect(notice.labels["severity"] == "critical" && notice.labels.count == 5)
        #expect(notice.annotations["runbook_url"] == "https://runbooks.example.org/checkout/high-error-rate")
        // Nanoseconds are rounded to the millisecond.
        #expect(notice.startsAt == Timestamp(milliseconds: 1_795_370_621_123))
        #expect(notice.endsAt == nil)
        #expect(notice.url?.hasPrefix("http://prometheus.example.org:9090/graph?g0.expr=") == true)
    }

    @Test func aResolvedAlertHasItsEndTimeWhateverTheOffset() throws {
        let notice = try #require(try Self.alertmanager("alertmanager-resolved.json").first)
        #expect(notice.status == .resolved)
        #expect(notice.endsAt == Timestamp(milliseconds: 1_795_372_871_500))
    }

    @Test func aGroupedNotificationGivesOneNoticePerAlertWithTheirOwnFingerprints() throws {
        let notices = try Self.alertmanager("alertmanager-grouped.json")
        #expect(notices.map(\.fingerprint) == ["049eef237ad8ee87", "5e378739e716d72a", "bf3b41bddb430a19"])
        #expect(notices.map(\.status) == [.firing, .firing, .resolved])
        #expect(notices[0].startsAt == Timestamp(milliseconds: 1_795_371_002_510))
    }

    @Test(arguments: ["alertmanager-firing.json", "alertmanager-resolved.json", "alertmanager-grouped.json"])
    func fixtureFingerprintsAreThePrometheusHashOfTheirLabels(name: String) throws {
        for notice in try Self.alertmanager(name) {
            #expect(notice.fingerprint == AlertFingerprint.labels(notice.labels))
        }
    }

    @Test func aMissingFingerprintIsComputedFromTheLabels() throws {
        let json = #"{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"A"}}]}"#
        let notice = try #require(
            try HookDecoding.decode(AlertmanagerPayload.self, from: Array(json.utf8)).notices.first
        )
        #expect(notice.fingerprint == AlertFingerprint.labels(["alertname": "A"]))
        #expect(notice.annotations.isEmpty && notice.url == nil && notice.startsAt == nil)
    }

    @Test func theGenericShapeFillsLabelsAnnotationsAndIdentity() throws {
        let notices = try Self.generic(
            #"""
            {"alerts":[
              {"title":"Disk full","severity":"warning","labels":{"host":"db-2"},"description":"95%","url":"http://g/d"},
              {"id":"x-1","status":"resolved","title":"Queue stuck","labels":{"alertname":"QueueStuck","severity":"info"}, "severity":"critical"},
              {"fingerprint":"my-own","title":"T"}
            ]}
            """#
        )
        #expect(notices.count == 3)
        #expect(notices[0].source == "generic" && notices[0].status == .firing)
        #expect(notices[0].labels == ["alertname": "Disk full", "severity": "warning", "host": "db-2"])
        #expect(notices[0].annotations == ["summary": "Disk full", "description": "95%"])
        #expect(notices[0].url == "http://g/d" && notices[0].fingerprint == AlertFingerprint.labels(notices[0].labels))
        #expect(notices[1].labels == ["alertname": "QueueStuck", "severity": "info"])
        #expect(notices[1].status == .resolved)
        #expect(notices[1].fingerprint == AlertFingerprint.identifier(source: "generic", id: "x-1"))
        #expect(notices[2].fingerprint == "my-own" && notices[2].title == "T")
    }

    @Test(arguments: [
        (#"{"alerts":[]}"#, "alerts: must list at least one alert"),
        (#"{"alerts":[{"status":"firing"}]}"#, "alerts[0].title: required"),
        (#"{"alerts":[{"title":"  \n"}]}"#, "alerts[0].title: must not be empty"),
        (
            #"{"source":"my source","alerts":[{"title":"x"}]}"#,
            #"source: must be 1 to 32 letters, digits, '.', '_' or '-', got "my source""#
        ),
        (#"{"alerts":[{"title":"x","id":"a\u0000b"}]}"#, "alerts[0].id: must not contain control characters"),
        (#"{"alerts":[{"title":"x","status":"ok"}]}"#, #"alerts[0].status: expected "firing" or "resolved", got "ok""#),
        (#"{"alerts":{"title":"x"}}"#, "alerts: expected a list"),
        (#"{"alerts":[{"title":"x","labels":["a"]}]}"#, "alerts[0].labels: expected an object"),
        ("", "body is not valid JSON"),
        ("[1,2]", "body: expected an object"),
    ])
    func aBadGenericBodyIsRefusedWithAReasonNamingTheField(json: String, reason: String) {
        #expect(throws: HookBodyError(reason)) { try Self.generic(json) }
    }

    @Test func reasonsStayOnOneLine() {
        let error = HookBodyError("alerts[0].status: expected x, got \"a\nb\r\nc\"")
        #expect(!error.reason.contains("\n") && !error.reason.contains("\r"))
    }
}
