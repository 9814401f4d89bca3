import SitrepCore

extension SitrepConfig {
    /// Who gets rights in incidents. The lists keep nick entries as written, even when `allowNickIdentities` is
    /// false and they are ignored: ``SitrepConfig/permissions`` drops them and ``SitrepConfig/warnings`` names them.
    public struct People: Sendable, Equatable {
        public var commanders: [ChatIdentity]
        public var responders: [ChatIdentity]
        /// Whether a nick without a services account can hold rights.
        public var allowNickIdentities: Bool

        public init(
            commanders: [ChatIdentity] = [],
            responders: [ChatIdentity] = [],
            allowNickIdentities: Bool = false
        ) {
            self.commanders = commanders
            self.responders = responders
            self.allowNickIdentities = allowNickIdentities
        }
    }
}
