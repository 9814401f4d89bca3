import Foundation
import Testing

@testable import Notify

struct WebhookRequestTests {
    static let fields = PageFields(
        incidentID: 7, title: "db \"down\"\n}, \"evil\": true", severity: "SEV1", status: "declared",
        text: "SEV1 #7: db down", person: "dave", ackURL: "https://sitrep.example.org/ack/T0K", attempt: 2)
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    static let now = Date(timeIntervalSince1970: 1_796_644_800)

    @Test func templateFillsStringsAndKeepsJSONValid() throws {
        let template = try WebhookTemplate(
            json: #"{"message": "{{title}} ({{severity}})", "priority": 5, "click": "{{ack_url}}"}"#)
        let target = try WebhookTarget(url: "https://ntfy.example.org/", template: template)
        let request = WebhookRequest(target: target, fields: Self.fields, idempotencyKey: "k1", timestamp: Self.now)
        let object = try JSONSerialization.jsonObject(with: Data(request.body)) as! [String: Any]
        #expect(object["message"] as? String == "db \"down\"\n}, \"evil\": true (SEV1)")
        #expect(object["priority"] as? Int == 5)
        #expect(object["click"] as? String == "https://sitrep.example.org/ack/T0K")
        #expect(object["evil"] == nil)
    }

    @Test func standardTemplateCarriesEveryField() throws {
        let request = WebhookRequest(
            target: try WebhookTarget(url: "http://127.0.0.1:9/hook"), fields: Self.fields, idempotencyKey: "k",
            timestamp: Self.now)
        let object = try JSONSerialization.jsonObject(with: Data(request.body)) as! [String: String]
        #expect(Set(object.keys) == Set(PageFields.placeholderNames))
        #expect(object["incident"] == "7" && object["attempt"] == "2" && object["person"] == "dave")
    }

    @Test func unknownPlaceholderAndBadJSONAreRefusedWithTheReason() {
        #expect(throws: WebhookTemplate.Problem.unknownPlaceholder("titel")) {
            try WebhookTemplate(json: #"{"m": "{{titel}}"}"#)
        }
        #expect(throws: WebhookTemplate.Problem.unclosedPlaceholder) { try WebhookTemplate(json: #"{"m": "{{title"}"#) }
        #expect(throws: WebhookTemplate.Problem.self) { try WebhookTemplate(json: #"{"m": "#) }
    }

    @Test func signedRequestVerifiesAndTamperingDoesNot() throws {
        let target = try WebhookTarget(url: "https://hooks.example.org/p", secret: Self.secret)
        let request = WebhookRequest(
            target: target, fields: Self.fields, idempotencyKey: "attempt-9", timestamp: Self.now)
        let signature = try #require(request.header(WebhookRequest.signatureHeader))
        let timestamp = try #require(request.header(WebhookRequest.timestampHeader))
        #expect(timestamp == "1796644800")
        #expect(request.header("idempotency-key") == "attempt-9")
        #expect(
            WebhookSignature.isValid(
                signature: signature, secret: Self.secret, timestamp: timestamp, body: request.body, now: Self.now))
        var tampered = request.body
        tampered[tampered.count - 2] ^= 1
        #expect(
            !WebhookSignature.isValid(
                signature: signature, secret: Self.secret, timestamp: timestamp, body: tampered, now: Self.now))
        #expect(
            !WebhookSignature.isValid(
                signature: signature, secret: Self.secret, timestamp: "1796644801", body: request.body, now: Self.now))
        #expect(
            !WebhookSignature.isValid(
                signature: signature, secret: Array("another secret".utf8), timestamp: timestamp, body: request.body,
                now: Self.now))
        let later = Self.now.addingTimeInterval(301)
        #expect(
            !WebhookSignature.isValid(
                signature: signature, secret: Self.secret, timestamp: timestamp, body: request.body, now: later))
    }

    @Test func unsignedTargetSendsNoSignature() throws {
        let request = WebhookRequest(
            target: try WebhookTarget(url: "https://x.example.org"), fields: Self.fields, idempotencyKey: "k",
            timestamp: Self.now)
        #expect(request.header(WebhookRequest.signatureHeader) == nil)
    }

    @Test(arguments: ["ftp://x.example.org", "https://", "x.example.org/hook", "https://a b.example.org"])
    func badURLsAreRefused(url: String) {
        #expect(throws: WebhookTarget.Problem.badURL(url)) { try WebhookTarget(url: url) }
    }

    @Test func headerWithLineBreakIsRefused() {
        #expect(throws: WebhookTarget.Problem.badHeader("X-Gotify-Key")) {
            try WebhookTarget(url: "https://g.example.org/message", headers: [("X-Gotify-Key", "abc\r\nX-Evil: 1")])
        }
    }
}
