/// How the alert hooks authenticate and how much they accept. Built by `SitrepApp` from the `alerts:` config
/// section. At least one credential must be set: the hooks never run unauthenticated.
public struct AlertHookConfiguration: Sendable {
    /// The bearer token senders put in `Authorization: Bearer <token>` (Alertmanager's `authorization:`).
    public var bearerToken: HookSecret?
    /// The key of the `X-Sitrep-Signature: sha256=<hex>` HMAC-SHA256 over the raw body.
    public var hmacSecret: HookSecret?
    /// Bodies larger than this are refused with 413.
    public var maxBodyBytes: Int

    /// 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    public init(bearerToken: HookSecret? = nil, hmacSecret: HookSecret? = nil, maxBodyBytes: Int = defaultMaxBodyBytes)
    {
        self.bearerToken = bearerToken
        self.hmacSecret = hmacSecret
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A hook credential. Never prints itself, so a configuration can be logged without leaking it.
public struct HookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let bytes: [UInt8]

    public init(_ value: String) {
        bytes = Array(value.utf8)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
