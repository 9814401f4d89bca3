import Foundation
import SitrepCore

/// Where a schedule's answer comes from at some instant.
public enum OnCallSource: Sendable, Hashable, CustomStringConvertible {
    /// The layer of this name.
    case layer(String)
    /// An override; its store id if it has one.
    case override(Int64?)
    /// Nobody: no layer is in force and no override covers the time.
    case nobody

    public var description: String {
        switch self {
        case .layer(let name): "layer \(name)"
        case .override: "override"
        case .nobody: "nobody"
        }
    }
}

/// Who a schedule has on call at one instant, and why.
public struct OnCallAnswer: Sendable, Hashable {
    /// Nil when nobody is on call.
    public var person: ChatIdentity?
    public var source: OnCallSource

    public init(person: ChatIdentity?, source: OnCallSource) {
        self.person = person
        self.source = source
    }

    public static let nobody = OnCallAnswer(person: nil, source: .nobody)
}

/// A stretch [start, end) during which a schedule's answer does not change.
public struct OnCallShift: Sendable, Hashable {
    public var start: Timestamp
    public var end: Timestamp
    /// Nil for a gap: nobody on call.
    public var person: ChatIdentity?
    public var source: OnCallSource

    public init(start: Timestamp, end: Timestamp, person: ChatIdentity?, source: OnCallSource) {
        self.start = start
        self.end = end
        self.person = person
        self.source = source
    }
}

/// A moment a schedule passes from one person (or nobody) to another.
public struct OnCallHandoff: Sendable, Hashable {
    public var at: Timestamp
    public var from: OnCallAnswer
    public var to: OnCallAnswer

    public init(at: Timestamp, from: OnCallAnswer, to: OnCallAnswer) {
        self.at = at
        self.from = from
        self.to = to
    }
}
