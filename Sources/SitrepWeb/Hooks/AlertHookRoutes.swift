import Foundation
import Hummingbird
import Logging
import SitrepCore

/// `POST /hooks/alertmanager` (Alertmanager's webhook, version 4) and `POST /hooks/generic` (the small JSON of
/// `GenericAlertPayload`): authenticate, bound and decode the body, hand the alerts to the `AlertSink`, answer
/// with its summary as JSON.
///
/// Answers: 200 with the summary; 400 with a one-line reason for a malformed body; 401 for missing or wrong
/// credentials (before the body is read when only a bearer token is configured); 413 for a body over
/// `maxBodyBytes` (the server closes the connection after it, draining the rest of the body); 503 when
/// the alerts could not be recorded (Alertmanager retries). Refusals are logged with their reason, never with a
/// credential, at most one warning per `refusalLogInterval` with the count of those held back.
public struct AlertHookRoutes: WebRoutes {
    let configuration: AlertHookConfiguration
    let authenticator: HookAuthenticator
    let sink: any AlertSink
    let logger: Logger
    let refusals: SharedWarningThrottle

    /// One refusal warning per this interval; the next one says how many were held back.
    public static let refusalLogInterval = Duration.seconds(10)

    public init(configuration: AlertHookConfiguration, sink: any AlertSink, logger: Logger) {
        self.configuration = configuration
        self.authenticator = HookAuthenticator(configuration)
        self.sink = sink
        self.logger = logger
        self.refusals = SharedWarningThrottle(interval: Self.refusalLogInterval)
    }

    public var endpoints: [WebEndpoint] {
        [WebEndpoint("/hooks/alertmanager", [.post]), WebEndpoint("/hooks/generic", [.post])]
    }

    public func register(on router: Router<BasicRequestContext>) {
        router.post("/hooks/alertmanager") { request, _ in
            await handle(request, hook: "alertmanager") { body throws(HookBodyError) in
                let payload = try HookDecoding.decode(AlertmanagerPayload.self, from: body)
                if payload.truncatedAlerts > 0 {
                    logger.warning(
                        "alertmanager truncated its notification; raise max_alerts in its webhook_config",
                        metadata: ["truncated": "\(payload.truncatedAlerts)", "group": "\(payload.groupKey ?? "")"]
                    )
                }
                return payload.notices
            }
        }
        router.post("/hooks/generic") { request, _ in
            await handle(request, hook: "generic") { body throws(HookBodyError) in
                try HookDecoding.decode(GenericAlertPayload.self, from: body).notices
            }
        }
    }

    private func handle(
        _ request: Request,
        hook: String,
        decode: ([UInt8]) throws(HookBodyError) -> [AlertNotice]
    ) async -> Response {
        let bearer = authenticator.acceptsBearer(request.headers[.authorization])
        guard bearer || authenticator.acceptsSignatures else {
            return refuse(.unauthorized, hook, "missing or wrong bearer token")
        }
        let maxBytes = configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            return refuse(.contentTooLarge, hook, "body of \(length) bytes is over the limit of \(maxBytes)")
        }
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            body = Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return refuse(.contentTooLarge, hook, "body is over the limit of \(maxBytes) bytes")
        } catch {
            return refuse(.badRequest, hook, "the body could not be read")
        }
        if !bearer,
            !authenticator.acceptsSignature(request.headers[.init(HookAuthenticator.signatureHeader)!], body: body)
        {
            return refuse(.unauthorized, hook, "missing or wrong bearer token or \(HookAuthenticator.signatureHeader)")
        }
        let notices: [AlertNotice]
        do throws(HookBodyError) {
            notices = try decode(body)
        } catch {
            return refuse(.badRequest, hook, error.reason)
        }
        do {
            return Self.json(try await sink.receive(notices))
        } catch {
            logger.error("alerts could not be recorded", metadata: ["hook": "\(hook)", "error": "\(error)"])
            return Self.text(.serviceUnavailable, "the alerts could not be recorded; retry later")
        }
    }

    /// Logs why a request was refused (unless a refusal was logged within `refusalLogInterval`) and answers with
    /// the reason on one line.
    private func refuse(_ status: HTTPResponse.Status, _ hook: String, _ reason: String) -> Response {
        if case .log(let heldBack) = refusals.warning() {
            logger.warning(
                "alert hook refused a request",
                metadata: [
                    "hook": "\(hook)", "status": "\(status.code)", "reason": "\(reason)",
                    "refusals_not_logged": "\(heldBack)",
                ]
            )
        }
        var response = Self.text(status, reason)
        if status == .unauthorized {
            response.headers[.wwwAuthenticate] = "Bearer realm=\"sitrep\""
        }
        return response
    }

    static func text(_ status: HTTPResponse.Status, _ line: String) -> Response {
        let buffer = ByteBuffer(string: ChatText.oneLine(line, limit: 300) + "\n")
        return Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: buffer)
        )
    }

    static func json(_ summary: AlertIntakeSummary) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
