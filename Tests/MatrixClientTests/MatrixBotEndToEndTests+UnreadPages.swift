import Foundation
import Matrix
import MatrixClient
import Paging
import SitrepApp
import SitrepCore
import Testing

/// On Matrix a page can be known read: bob's client posts a read receipt in the direct-message room, Synapse
/// delivers it in the bot's sync, and the page is marked read. A page left unread past its rule's time counts as
/// failed, and bob's next method (a webhook, due ten minutes later by his rules) goes then. Part of the
/// serialized end-to-end suite.
extension MatrixBotEndToEndTests {
    @Test(.timeLimit(.minutes(3))) func anUnreadDirectMessagePageFailsInTimeAndAReadOneIsMarkedRead() async throws {
        try await Self.paging { setup, alice, bob, bobID in
            var config = setup.config
            let bobIdentity = ChatIdentity.account(bobID, network: "matrix")
            // The rules a team would write: chat at once (unread after 3 s here), a webhook after 10 minutes. The
            // webhook points at a closed port: what matters is when it is claimed, not whether it arrives.
            config.paging = SitrepConfig.Paging(
                defaultRules: NotificationRules(steps: [
                    NotificationStep(.chat, unreadAfter: .seconds(3)),
                    NotificationStep(.webhook, after: .seconds(600)),
                ]),
                people: [.init(identity: bobIdentity, webhook: .init(url: "http://127.0.0.1:9/page"))])
            let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)

                // bob is paged and does not look: the chat page fails after 3 s and the webhook is claimed then.
                try await alice.say("!escalate \(bobID) first page", in: incidentRoom)
                let directRoom = try await setup.directRoom(with: bobID)
                let unread = try await Self.attempts(in: parts, of: bobIdentity, until: { attempts in
                    attempts.contains { $0.method == "webhook" }
                })
                let all = try await parts.store.pageAttempts(incidentID: 1)
                let chat = try #require(unread.first { $0.method == "chat" }, "\(all)")
                let webhook = try #require(unread.first { $0.method == "webhook" })
                #expect(chat.status == .failed && chat.reason == "not read within 3s", "\(chat)")
                let after = chat.queuedAt.duration(to: webhook.queuedAt)
                #expect(after >= .milliseconds(2_900) && after < .seconds(30), "webhook claimed \(after) after the page")

                // A second page; this time bob opens the room and his client says he read it.
                try await alice.say("!escalate \(bobID) second page", in: incidentRoom)
                _ = try await bob.client.join(directRoom)
                let page = try await bob.pageEvent(from: setup.botID, in: directRoom, containing: "second page")
                try await bob.client.sendReadReceipt(in: directRoom, upTo: page)
                let read = try await Self.attempts(in: parts, of: bobIdentity, until: { attempts in
                    attempts.contains { $0.method == "chat" && $0.status == .read }
                })
                let secondStep = try #require(read.first { $0.method == "chat" && $0.status == .read }?.step)
                #expect(secondStep.hasPrefix("manual-") && secondStep != chat.step)
                // Past the 3 s a read page is not failed, and nothing else is claimed for that page.
                try await Task.sleep(for: .seconds(4))
                let later = try await parts.store.pageAttempts(incidentID: 1).filter { $0.step == secondStep }
                #expect(later.map(\.method) == ["chat"] && later.first?.status == .read, "\(later)")
                try await alice.say("!pages", in: incidentRoom)
                let readLine = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "): read at")
                #expect(readLine.contains("(\(secondStep)): read at"), "\(readLine)")
                let pages = alice.botMessages(from: setup.botID, in: incidentRoom).joined(separator: "\n")
                #expect(pages.contains("(\(chat.step)): failed — not read within 3s"), "\(pages)")
            }
        }
    }

    /// The store's page attempts for `person` in incident 1 once `done` holds (within 20 s).
    static func attempts(
        in parts: SitrepApplication.Parts, of person: ChatIdentity, until done: ([PageAttempt]) -> Bool
    ) async throws -> [PageAttempt] {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let attempts = try await parts.store.pageAttempts(incidentID: 1).filter { $0.person == person }
            if done(attempts) || ContinuousClock.now >= deadline { return attempts }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension MatrixBotEndToEndTests.Person {
    /// The event id of the first message from `botID` in `roomID` whose body contains `text`.
    func pageEvent(from botID: String, in roomID: String, containing text: String) async throws -> String {
        if let seen = (seen[roomID] ?? []).first(where: { Self.isPage($0, from: botID, containing: text) }),
            let id = seen.eventID
        {
            return id
        }
        return try await waitFor { response -> String? in
            response.rooms.join[roomID]?.timeline.events.first { Self.isPage($0, from: botID, containing: text) }?
                .eventID
        }
    }

    private static func isPage(_ event: MatrixEvent, from botID: String, containing text: String) -> Bool {
        guard event.sender == botID, case .message(let message) = event.content else { return false }
        return message.body.contains(text)
    }
}
