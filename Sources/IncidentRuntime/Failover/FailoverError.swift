import SitrepCore

/// Why the active/standby service stopped the process's services.
public enum FailoverError: Error, CustomStringConvertible {
    /// This instance lost the lease; it quit chat at once and exits so its supervisor restarts it as a standby.
    case steppedDown(LeaseKeeper.StepDownReason)
    /// A fenced action was attempted while this instance was not active.
    case notActive(instance: String)
    /// The chat, bridge or timer services stopped by themselves while this instance was active.
    case activeServicesStopped(reason: String)

    public var description: String {
        switch self {
        case .steppedDown(let reason):
            "stepped down: \(reason); exiting so the supervisor (systemd) restarts this instance as a standby"
        case .notActive(let instance): "instance \(instance) is not the active one: nothing may be sent from it"
        case .activeServicesStopped(let reason): "the chat services stopped while active: \(reason)"
        }
    }
}
