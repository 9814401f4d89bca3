import Exports
import SQLiteStore
import SitrepApp
import SitrepCore
import Testing

/// The Markdown and text exports of a small fixture (`ExportFixture.small`), line for line. The head pins the
/// chain encoding: if it changes, every exported head out there stops verifying.
@Suite struct ExportSnapshotTests {
    static let head = "7df888ed4804830abded5c8641f422d427b2beb9da8f54183771cd9116d39570"

    @Test func chainHeadOfTheFixtureIsStable() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            #expect(try await store.chainHead(incidentID: 1).hash.description == Self.head)
        }
    }

    @Test func markdownExport() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            let markdown = try await ExportFixture.export(1, .markdown, from: store)
            #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false) == Self.markdown.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    @Test func textExport() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            let text = try await ExportFixture.export(1, .text, from: store)
            #expect(text.split(separator: "\n", omittingEmptySubsequences: false) == Self.text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }

    static let markdown = """
            # INC-1: checkout \\<502s\\> \\*EU\\*

            - **severity:** SEV2
            - **priority:** P1
            - **state:** investigating
            - **category:** network/dns
            - **services:** checkout, payments
            - **channel:** \\#inc-1 (irc)
            - **declared:** 2026-11-18T11:06:40.000Z by alice (account:alice on irc)
            - **lead:** bob\\_ (nick:bob\\_ on libera)
            - **roles:** commander: bob\\_ (nick:bob\\_ on libera), scribe: alice (account:alice on irc)
            - **root cause:** expired certificate<br>on the LB

            ## Follow-ups

            - [x] #1 alert on expiry, owner bob\\_ (by alice 2026-11-18T11:06:45.000Z, done 2026-11-18T11:08:20.000Z)
            - [ ] #2 automate rotation (by bob\\_ 2026-11-18T11:06:46.000Z)

            ## Chain

            - **verification:** intact, 3 entries, head 7df888ed…
            - **recorded head:** entry 3, `7df888ed4804830abded5c8641f422d427b2beb9da8f54183771cd9116d39570`
            - **encoding:** sitrep-timeline-v1

            ## Transcript

            Times are UTC.

            ### 2026-11-18

            - 11:06:40 \\[lifecycle\\] sitrep: declared (state: investigating) **key event**
            - 11:07:41 \\<alice\\> LB cert expired at 23:59

            ### 2026-11-19

            - 11:06:40 \\* bob\\_ rotates the cert

            """

    static let text = """
            INC-1: checkout <502s> *EU*
            severity: SEV2
            priority: P1
            state: investigating
            category: network/dns
            services: checkout, payments
            channel: #inc-1 (irc)
            declared: 2026-11-18T11:06:40.000Z by alice (account:alice on irc)
            lead: bob_ (nick:bob_ on libera)
            roles: commander: bob_ (nick:bob_ on libera), scribe: alice (account:alice on irc)
            root cause: expired certificate\\non the LB
            follow-up #1 [done]: alert on expiry
            follow-up #2 [open]: automate rotation
            chain: intact, 3 entries, head 7df888ed…; recorded head: entry 3 7df888ed4804830abded5c8641f422d427b2beb9da8f54183771cd9116d39570 (sitrep-timeline-v1)

            2026-11-18T11:06:40.000Z #1 lifecycle <sitrep> declared [state: investigating] (key event)
            2026-11-18T11:07:41.000Z #2 message <alice> LB cert expired at 23:59
            2026-11-19T11:06:40.000Z #3 action <bob_> rotates the cert

            """
}
