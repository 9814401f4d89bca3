import Hummingbird
import HummingbirdTesting
import Logging
import SitrepWeb
import Testing

@Suite struct HealthEndpointTests {
    @Test func healthzAnswersOverARealSocket() async throws {
        let server = WebServer(configuration: .init(host: "127.0.0.1", port: 0), logger: Logger(label: "test"))
        let app = Application(router: server.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
