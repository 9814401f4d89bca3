import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Notify

/// POSTs webhook requests (`WebhookRequest`) with AsyncHTTPClient. A 2xx answer is delivered; anything else is a
/// `WebhookDeliveryError` that says whether a retry may help.
public struct WebhookSender: Sendable {
    let httpClient: HTTPClient
    let timeout: Duration

    /// - Parameters:
    ///   - httpClient: the client to send with (`HTTPClient.shared` verifies certificates against the system roots;
    ///     see `makeHTTPClient(additionalCAFile:)` for a private CA). The caller owns its lifetime.
    ///   - timeout: the longest one call may take, connect to last byte.
    public init(httpClient: HTTPClient = .shared, timeout: Duration = .seconds(10)) {
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// An HTTP client that also trusts the CA certificates in `additionalCAFile` (PEM). Shut it down when done.
    public static func makeHTTPClient(additionalCAFile: String) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.file(additionalCAFile)]
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request`; returns on a 2xx answer.
    public func send(_ request: WebhookRequest) async throws(WebhookDeliveryError) {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !outgoing.headers.contains(name: "User-Agent") { outgoing.headers.add(name: "User-Agent", value: "sitrep") }
        outgoing.body = .bytes(request.body)
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(outgoing, timeout: .init(timeout))
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            throw .timedOut(after: timeout)
        } catch {
            throw .unreachable("\(error)")
        }
        let status = Int(response.status.code)
        let excerpt = await Self.excerpt(of: response)
        guard (200..<300).contains(status) else { throw .status(status, excerpt) }
    }

    /// The first 200 bytes of the answer, printable, for the error (the rest is drained, never kept).
    static func excerpt(of response: HTTPClientResponse) async -> String {
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body where bytes.count < 200 {
                bytes += chunk.readableBytesView.prefix(200 - bytes.count)
            }
        } catch {}
        return String(decoding: bytes, as: UTF8.self).unicodeScalars
            .map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
    }
}

/// Why a webhook call did not deliver.
public enum WebhookDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The receiver answered with a non-2xx status (and this excerpt of its body).
    case status(Int, String)
    /// No answer within the timeout.
    case timedOut(after: Duration)
    /// No connection, or it broke (DNS, refused, TLS).
    case unreachable(String)

    /// 5xx, 408, 429, timeouts and connection trouble may pass; other 4xx mean the request itself is wrong (a bad
    /// token, a bad template) and repeating it will not help.
    public var isRetryable: Bool {
        switch self {
        case .status(let code, _): code >= 500 || code == 408 || code == 429
        case .timedOut, .unreachable: true
        }
    }

    public var description: String {
        switch self {
        case .status(let code, let body):
            "the webhook answered HTTP \(code)" + (body.isEmpty ? "" : ": \(body)")
                + ((400..<500).contains(code) && code != 408 && code != 429
                    ? " (check its URL, headers and template)" : "")
        case .timedOut(let after): "the webhook did not answer within \(after)"
        case .unreachable(let reason): "the webhook could not be reached: \(reason)"
        }
    }
}
