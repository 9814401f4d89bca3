import SitrepCore
import Testing

/// The expected lifecycle, written out independently of `LifecycleMachine`'s own tables.
enum ExpectedLifecycle {
    static let transitions: [IncidentState: [LifecycleAction: IncidentState]] = [
        .investigating: [
            .identified: .identified, .mitigated: .mitigated, .workaround: .mitigated,
            .resolve: .resolved,
            .cancel: .cancelled,
        ],
        .identified: [
            .investigating: .investigating, .mitigated: .mitigated, .workaround: .mitigated,
            .resolve: .resolved,
            .cancel: .cancelled,
        ],
        .mitigated: [.investigating: .investigating, .identified: .identified, .resolve: .resolved],
        .resolved: [.close: .closed, .reopen: .investigating],
        .closed: [.reopen: .investigating],
        .cancelled: [.reopen: .investigating],
    ]

    static let openRecords: Set<LifecycleAction> = [
        .ack, .contain, .update, .note, .mark, .solution, .cause, .severity, .priority, .category, .service, .lead,
        .role,
        .escalate, .factor, .lesson, .followup, .done, .remind, .snooze,
    ]

    static let records: [IncidentState: Set<LifecycleAction>] = [
        .investigating: openRecords, .identified: openRecords, .mitigated: openRecords,
        .resolved: [.cause, .note, .update, .mark, .solution, .factor, .lesson, .followup, .done, .remind, .snooze],
        .closed: [.solution, .factor, .lesson, .followup, .done],
        .cancelled: [.followup, .done],
    ]

    static let allowedNames: [IncidentState: String] = [
        .investigating: "identified, mitigated, resolve, cancel",
        .identified: "investigating, mitigated, resolve, cancel",
        .mitigated: "investigating, identified, resolve",
        .resolved: "close, reopen",
        .closed: "reopen",
        .cancelled: "reopen",
    ]

    static var pairs: [(IncidentState, LifecycleAction)] {
        IncidentState.allCases.flatMap { state in LifecycleAction.allCases.map { (state, $0) } }
    }
}

@Suite struct LifecycleMachineTests {
    static let ready = LifecycleMachine.Facts(hasRootCause: true, hasResolution: true)

    @Test(arguments: ExpectedLifecycle.pairs)
    func everyActionInEveryStateIsDecidedByTheTable(state: IncidentState, action: LifecycleAction) {
        let decision = LifecycleMachine.decide(action, in: state, facts: Self.ready)
        if let next = ExpectedLifecycle.transitions[state]?[action] {
            #expect(decision == .transition(from: state, to: next))
        } else if ExpectedLifecycle.records[state]?.contains(action) == true {
            #expect(decision == .record)
        } else {
            guard case .refuse(.notAllowed(let refusedIn, let allowed)) = decision else {
                Issue.record("expected a refusal, got \(decision)")
                return
            }
            #expect(refusedIn == state)
            #expect(
                allowed.map(\.rawValue).joined(separator: ", ") == ExpectedLifecycle.allowedNames[state]
            )
        }
    }

    @Test(arguments: [
        (
            LifecycleMachine.Facts(hasRootCause: false, hasResolution: false),
            ["root cause", "resolution"]
        ),
        (LifecycleMachine.Facts(hasRootCause: true, hasResolution: false), ["resolution"]),
        (LifecycleMachine.Facts(hasRootCause: false, hasResolution: true), ["root cause"]),
    ])
    func closeNamesWhatIsMissing(facts: LifecycleMachine.Facts, missing: [String]) {
        #expect(
            LifecycleMachine.decide(.close, in: .resolved, facts: facts) == .refuse(.missing(missing))
        )
    }

    @Test func closeBeforeResolvingIsRefusedForTheStateNotTheFacts() {
        let decision = LifecycleMachine.decide(
            .close,
            in: .mitigated,
            facts: .init(hasRootCause: false, hasResolution: false)
        )
        #expect(
            decision
                == .refuse(
                    .notAllowed(state: .mitigated, allowed: [.investigating, .identified, .resolve])
                )
        )
    }

    @Test func performMovesOnlyOnTransitions() {
        var machine = LifecycleMachine()
        #expect(machine.perform(.ack, facts: Self.ready) == .record)
        #expect(machine.state == .investigating)
        #expect(
            machine.perform(.workaround, facts: Self.ready)
                == .transition(from: .investigating, to: .mitigated)
        )
        #expect(
            machine.perform(.mitigated, facts: Self.ready)
                == .refuse(
                    .notAllowed(
                        state: .mitigated,
                        allowed: [.investigating, .identified, .resolve]
                    )
                )
        )
        #expect(machine.state == .mitigated)
        #expect(
            machine.perform(.resolve, facts: Self.ready) == .transition(from: .mitigated, to: .resolved)
        )
        #expect(machine.perform(.close, facts: Self.ready) == .transition(from: .resolved, to: .closed))
        #expect(
            machine.perform(.reopen, facts: Self.ready) == .transition(from: .closed, to: .investigating)
        )
        #expect(machine.state == .investigating)
    }
}
