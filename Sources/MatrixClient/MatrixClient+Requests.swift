import AsyncHTTPClient
import Logging
import Matrix
import NIOCore
import NIOHTTP1
import NIOSSL
import SitrepCore

extension MatrixClient {
    /// Makes the request, retrying as `MatrixRetryPolicy` decides, and decodes the answer as `T`.
    func call<T: Decodable>(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, authenticated: Bool = true,
        timeout: Duration? = nil
    ) async throws -> T {
        var policy = MatrixRetryPolicy()
        var random = SystemRandomNumberGenerator()
        var failures = 0
        var renewedToken = false
        while true {
            try Task.checkCancellation()
            let decision: MatrixRetryPolicy.Decision
            let problem: String
            switch try await attempt(method, path, body: body, authenticated: authenticated, timeout: timeout) {
            case .response(let exchange):
                let error = exchange.status >= 300 ? MatrixJSON.error(from: exchange.body) : nil
                decision = policy.responseReceived(
                    status: exchange.status, error: error, retryAfterHeader: exchange.retryAfter, using: &random)
                if case .success = decision { return try decode(T.self, exchange.body, path: path) }
                if case .giveUp(let error) = decision {
                    throw MatrixClientError.rejected(path: Self.redacted(path), status: exchange.status, error: error)
                }
                problem = "HTTP \(exchange.status)" + (error.map { " \($0.errcode)" } ?? "")
                if exchange.status == 429 { recordRateLimit() }
            case .transportFailed(let reason):
                decision = policy.transportFailed(using: &random)
                problem = reason
            }
            switch decision {
            case .retry(let wait):
                if !problem.hasPrefix("HTTP 429") {
                    failures += 1
                    recordFailure()
                    guard failures < configuration.maximumAttempts else {
                        throw MatrixClientError.gaveUp(
                            path: Self.redacted(path), attempts: failures, lastProblem: problem)
                    }
                }
                logger.debug(
                    "matrix retry",
                    metadata: ["path": "\(Self.redacted(path))", "problem": "\(problem)", "wait": "\(wait)"])
                try await Task.sleep(for: wait)
            case .reauthenticate:
                guard authenticated, !renewedToken, case .password = configuration.credentials else {
                    throw MatrixClientError.tokenRejected
                }
                renewedToken = true
                try await login()
            case .success, .giveUp:
                preconditionFailure("handled above")
            }
        }
    }

    /// One exchange; network errors become `.transportFailed`, TLS failures and cancellation are thrown.
    private func attempt(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, authenticated: Bool, timeout: Duration?
    ) async throws -> MatrixExchange.Outcome {
        do {
            return .response(
                try await execute(
                    method, path, body: body, authenticated: authenticated,
                    timeout: timeout ?? configuration.requestTimeout))
        } catch let error as NIOSSLError {
            throw MatrixClientError.tlsFailed(reason: "\(error)")
        } catch let error as MatrixClientError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return .transportFailed("\(error)")
        }
    }

    private func execute(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, authenticated: Bool, timeout: Duration
    ) async throws -> MatrixExchange {
        var request = HTTPClientRequest(url: baseURLForRequests + path)
        request.method = method
        if authenticated {
            guard let token = currentAccessToken else { throw MatrixClientError.notLoggedIn }
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        countRequest()
        let response = try await httpClient.execute(request, timeout: .milliseconds(timeout.milliseconds))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return MatrixExchange(
            status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
            body: Array(buffer.readableBytesView))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], path: String) throws -> T {
        do {
            return try MatrixJSON.decode(T.self, from: body)
        } catch {
            throw MatrixClientError.unreadableResponse(path: Self.redacted(path), reason: "\(error)")
        }
    }

    /// The path without its query (sync tokens are not secrets, but logs need not carry them).
    static func redacted(_ path: String) -> String {
        String(path.prefix { $0 != "?" })
    }
}
