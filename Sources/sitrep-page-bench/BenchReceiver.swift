import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The benchmark's webhook receiver: a Hummingbird server on a free loopback port that notes, for every POST, its
/// `Idempotency-Key` and when it arrived (ms since 1970), and answers 200.
enum BenchReceiver {
    final class Arrivals: Sendable {
        let byKey = Mutex<[String: [Int64]]>([:])
    }

    /// The server (run it in a task) and the stream that yields its port once it listens.
    static func make() -> (Application<RouterResponder<BasicRequestContext>>, Arrivals, AsyncStream<Int>) {
        let arrivals = Arrivals()
        let router = Router()
        let keyHeader = HTTPField.Name("Idempotency-Key")!
        router.post("/") { request, _ -> HTTPResponse.Status in
            _ = try await request.body.collect(upTo: 1 << 20)
            let at = Int64((Date().timeIntervalSince1970 * 1000).rounded())
            let key = request.headers[keyHeader] ?? "?"
            arrivals.byKey.withLock { $0[key, default: []].append(at) }
            return .ok
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "bench-receiver") { _ in SwiftLogNoOpLogHandler() })
        return (app, arrivals, ports)
    }
}
