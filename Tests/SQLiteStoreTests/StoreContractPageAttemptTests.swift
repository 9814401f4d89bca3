import SitrepCore
import Testing

/// Page attempts, for every backend: claimed once under their idempotency key, moved through their statuses
/// (an acknowledged one stays so), listed per incident, and the ones still queued found again after a restart.
@Suite struct StoreContractPageAttemptTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)

    static func attempt(_ method: String, incident: Int64 = 1, at second: Int64 = 0, name: String = "bob") -> PageAttempt {
        let person = ChatIdentity.account(name)
        return PageAttempt(
            id: PageAttempt.key(incidentID: incident, step: "tier-1", person: person, method: method, round: 1),
            incidentID: incident, person: person, method: method, address: method == "email" ? "bob@example.org" : name,
            step: "tier-1", queuedAt: t0.adding(.seconds(second)))
    }

    @Test(arguments: StoreBackend.allCases)
    func anAttemptIsClaimedOnceAndItsStatusIsKept(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            let chat = Self.attempt("chat")
            #expect(try await store.claimPageAttempt(chat))
            #expect(try await store.claimPageAttempt(chat) == false, "a second claim of the same key sends nothing")
            #expect(try await store.claimPageAttempt(Self.attempt("email", at: 60)))
            #expect(try await store.claimPageAttempt(Self.attempt("chat", incident: 2, name: "na\u{0}me")))
            #expect(try await store.updatePageAttempt(id: chat.id, status: .failed, reason: "not on IRC", at: Self.t0.adding(.seconds(1))))
            #expect(try await store.updatePageAttempt(id: "nope", status: .sent, reason: nil, at: Self.t0) == false)
            let attempts = try await store.pageAttempts(incidentID: 1)
            #expect(attempts.map(\.method) == ["chat", "email"])
            var failed = chat
            failed.status = .failed
            failed.reason = "not on IRC"
            failed.updatedAt = Self.t0.adding(.seconds(1))
            #expect(attempts.first == failed)
            #expect(try await store.pageAttempts(incidentID: 2).first?.person.name == "na\u{0}me")
            let email = Self.attempt("email", at: 60)
            try await store.updatePageAttempt(id: email.id, status: .acknowledged, reason: nil, at: Self.t0.adding(.seconds(90)))
            #expect(try await store.updatePageAttempt(id: email.id, status: .sent, reason: nil, at: Self.t0.adding(.seconds(91))))
            #expect(try await store.pageAttempts(incidentID: 1).last?.status == .acknowledged, "an acknowledgement stays")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func attemptsStillQueuedAreFoundAfterARestart(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            try await Fixtures.declare(1, in: before.store)
            let chat = Self.attempt("chat")
            let email = Self.attempt("email", at: 60)
            #expect(try await before.store.claimPageAttempt(chat))
            #expect(try await before.store.claimPageAttempt(email))
            try await before.store.updatePageAttempt(id: chat.id, status: .sent, reason: nil, at: Self.t0)
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            #expect(try await after.store.queuedPageAttempts() == [email])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anAttemptNeedsItsIncident(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: (any Error).self) { try await store.claimPageAttempt(Self.attempt("chat", incident: 42)) }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aWaitingRetryIsKeptAcrossARestartUntilTheAttemptIsSent(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            try await Fixtures.declare(1, in: before.store)
            let hook = Self.attempt("webhook", at: 60)
            #expect(try await before.store.claimPageAttempt(hook))
            try await before.store.recordPageRetry(
                id: hook.id, failedTries: 2, firstFailedAt: Self.t0.adding(.seconds(61)),
                retryAt: Self.t0.adding(.seconds(121)), lastFailure: "the webhook answered HTTP 503")
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            var waiting = hook
            waiting.failedTries = 2
            waiting.firstFailedAt = Self.t0.adding(.seconds(61))
            waiting.retryAt = Self.t0.adding(.seconds(121))
            waiting.reason = "the webhook answered HTTP 503"
            #expect(try await after.store.queuedPageAttempts() == [waiting])
            try await after.store.updatePageAttempt(id: hook.id, status: .sent, reason: nil, at: Self.t0.adding(.seconds(122)))
            // Once sent, a late retry record changes nothing.
            try await after.store.recordPageRetry(
                id: hook.id, failedTries: 3, firstFailedAt: Self.t0, retryAt: Self.t0, lastFailure: "late")
            let sent = try #require(try await after.store.pageAttempts(incidentID: 1).first)
            #expect(sent.status == .sent && sent.reason == nil && sent.failedTries == 2)
            #expect(try await after.store.queuedPageAttempts().isEmpty)
        }
    }
}
