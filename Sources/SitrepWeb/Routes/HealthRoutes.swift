import Hummingbird

/// `/healthz`: the process is up and serving HTTP. `/readyz`: 200 only when the probe says sitrep can do its job
/// (connected to chat, store writable), else 503 with the reasons, one short line.
struct HealthRoutes: WebRoutes {
    let readiness: (any ReadinessProbe)?

    /// The first line, then the probe's status lines (which instance of a pair is active, its epoch).
    private func body(_ first: String) -> String {
        ([first] + (readiness?.statusLines() ?? [])).map { $0 + "\n" }.joined()
    }

    var endpoints: [WebEndpoint] { [WebEndpoint("/healthz", [.get]), WebEndpoint("/readyz", [.get])] }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            WebResponder.response(.ok, body("ok"), type: "text/plain; charset=utf-8", isInternal: false)
        }
        router.get("/readyz") { _, _ in
            let answer = await readiness?.readiness() ?? .ready
            guard answer.isReady else {
                let reasons = answer.problems.joined(separator: "; ")
                return WebResponder.response(
                    .serviceUnavailable, body("not ready: \(reasons)"), type: "text/plain; charset=utf-8",
                    isInternal: true)
            }
            return WebResponder.response(.ok, body("ready"), type: "text/plain; charset=utf-8", isInternal: true)
        }
    }
}
