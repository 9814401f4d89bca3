/// The one place that decides incident state transitions. Pure: a state and an action in, a decision out.
///
/// States: `investigating` (initial on declare), `identified`, `mitigated`, `resolved`, `closed`, `cancelled`.
///
/// Transitions (any other state-changing action is refused, naming the current state and the allowed ones):
///
/// | from          | action                     | to            |
/// |---------------|----------------------------|---------------|
/// | investigating | identified                 | identified    |
/// | investigating | mitigated, workaround      | mitigated     |
/// | investigating | resolve                    | resolved      |
/// | investigating | cancel                     | cancelled     |
/// | identified    | investigating              | investigating |
/// | identified    | mitigated, workaround      | mitigated     |
/// | identified    | resolve                    | resolved      |
/// | identified    | cancel                     | cancelled     |
/// | mitigated     | investigating              | investigating |
/// | mitigated     | identified                 | identified    |
/// | mitigated     | resolve                    | resolved      |
/// | resolved      | close (root cause and resolution recorded, else refused naming what is missing) | closed |
/// | resolved      | reopen                     | investigating |
/// | closed        | reopen                     | investigating |
/// | cancelled     | reopen                     | investigating |
///
/// Actions that record without changing state:
///
/// | state                                  | allowed |
/// |----------------------------------------|---------|
/// | investigating, identified, mitigated   | ack contain update note mark solution cause sev priority category service lead role escalate factor lesson followup done remind snooze |
/// | resolved                               | cause note update mark solution factor lesson followup done remind snooze (the review goes on; stakeholders may need an all-clear) |
/// | closed                                 | solution factor lesson followup done (reviews and knowledge outlive the incident; reopen to record anything else) |
/// | cancelled                              | followup done (follow-ups outlive the incident; a cancelled one has nothing to review) |
public struct LifecycleMachine: Sendable, Equatable {
    /// What the machine decided.
    public enum Decision: Sendable, Equatable {
        /// The action moves the incident to another state.
        case transition(from: IncidentState, to: IncidentState)
        /// The action is allowed and leaves the state as it is.
        case record
        case refuse(Refusal)
    }

    /// Why an action was refused.
    public enum Refusal: Sendable, Equatable {
        /// Not allowed in `state`; `allowed` are the state-changing actions that are.
        case notAllowed(state: IncidentState, allowed: [LifecycleAction])
        /// `close` before the review facts are recorded; names what is missing (e.g. `root cause`).
        case missing([String])
    }

    /// What the machine needs to know about the incident besides its state.
    public struct Facts: Sendable, Equatable {
        public var hasRootCause: Bool
        public var hasResolution: Bool

        public init(hasRootCause: Bool, hasResolution: Bool) {
            self.hasRootCause = hasRootCause
            self.hasResolution = hasResolution
        }

        public init(_ incident: Incident) {
            self.init(hasRootCause: incident.rootCause != nil, hasResolution: incident.resolution != nil)
        }
    }

    public private(set) var state: IncidentState

    public init(state: IncidentState = .investigating) {
        self.state = state
    }

    /// Decides `action` in the current state and, on a transition, moves to the new state.
    public mutating func perform(_ action: LifecycleAction, facts: Facts) -> Decision {
        let decision = Self.decide(action, in: state, facts: facts)
        if case .transition(_, let next) = decision { state = next }
        return decision
    }

    /// The decision for `action` in `state`, without changing anything.
    public static func decide(
        _ action: LifecycleAction,
        in state: IncidentState,
        facts: Facts
    )
        -> Decision
    {
        if let next = target(of: action, from: state) {
            if action == .close {
                var missing: [String] = []
                if !facts.hasRootCause { missing.append("root cause") }
                if !facts.hasResolution { missing.append("resolution") }
                if !missing.isEmpty { return .refuse(.missing(missing)) }
            }
            return .transition(from: state, to: next)
        }
        if recordingActions(in: state).contains(action) { return .record }
        return .refuse(.notAllowed(state: state, allowed: transitions(from: state)))
    }

    /// The state `action` leads to from `state`, or nil when it is not a transition allowed there.
    public static func target(of action: LifecycleAction, from state: IncidentState) -> IncidentState? {
        switch (state, action) {
        case (.investigating, .identified), (.mitigated, .identified): .identified
        case (.investigating, .mitigated), (.investigating, .workaround),
            (.identified, .mitigated), (.identified, .workaround):
            .mitigated
        case (.investigating, .resolve), (.identified, .resolve), (.mitigated, .resolve): .resolved
        case (.investigating, .cancel), (.identified, .cancel): .cancelled
        case (.identified, .investigating), (.mitigated, .investigating): .investigating
        case (.resolved, .close): .closed
        case (.resolved, .reopen), (.closed, .reopen), (.cancelled, .reopen): .investigating
        default: nil
        }
    }

    /// The state-changing actions allowed from `state`, as named in refusals (`workaround` is left out: it is
    /// another way to say `mitigated`).
    public static func transitions(from state: IncidentState) -> [LifecycleAction] {
        let order: [LifecycleAction] = [
            .investigating, .identified, .mitigated, .resolve, .close, .reopen, .cancel,
        ]
        return order.filter { target(of: $0, from: state) != nil }
    }

    /// The actions allowed in `state` that leave it unchanged.
    public static func recordingActions(in state: IncidentState) -> Set<LifecycleAction> {
        switch state {
        case .investigating, .identified, .mitigated:
            [
                .ack, .contain, .update, .note, .mark, .solution, .cause, .severity, .priority, .category, .service,
                .lead,
                .role, .escalate, .factor, .lesson, .followup, .done, .remind, .snooze,
            ]
        case .resolved: [.cause, .note, .update, .mark, .solution, .factor, .lesson, .followup, .done, .remind, .snooze]
        case .closed: [.solution, .factor, .lesson, .followup, .done]
        case .cancelled: [.followup, .done]
        }
    }
}
