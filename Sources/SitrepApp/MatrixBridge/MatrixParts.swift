import IncidentRuntime
import Logging
import Matrix
import MatrixClient
import SitrepCore

/// The Matrix side of a running sitrep, built from `matrix:`: the client, the chat network the coordinator
/// routes Matrix rooms to, and (once the coordinator exists) the sync service.
public struct MatrixParts: Sendable {
    public let client: MatrixClient
    public let network: MatrixChatNetwork
    let config: SitrepConfig.Matrix
    let people: SitrepConfig.People

    /// Nil when `matrix:` is absent.
    static func make(
        _ config: SitrepConfig.Matrix?, people: SitrepConfig.People, store: any IncidentStore, logger: Logger,
        clock: @escaping @Sendable () -> Timestamp
    ) throws -> MatrixParts? {
        guard let config else { return nil }
        var matrixLogger = logger
        matrixLogger[metadataKey: "network"] = "\(config.homeserver)"
        let client = try MatrixClient(configuration: MatrixClientConfiguration(config), logger: matrixLogger)
        let crypto = config.encryptionKey.map {
            MatrixCryptoEngine(client: client, store: store, key: $0, logger: matrixLogger, clock: clock)
        }
        let network = MatrixChatNetwork(
            botUserID: config.userID, client: client,
            accessRooms: config.rooms + (config.announceRoom.map { [$0] } ?? []), logger: matrixLogger, clock: clock,
            commandPrefix: config.commandPrefix, crypto: crypto, incidentRoomEncryption: config.incidentRoomEncryption)
        return MatrixParts(client: client, network: network, config: config, people: people)
    }

    /// The sync loop feeding `coordinator`.
    func service(
        coordinator: IncidentCoordinator, writer: TimelineWriter, store: any IncidentStore, timers: TimerService?,
        pager: PageDispatcher? = nil, logger: Logger, clock: @escaping @Sendable () -> Timestamp
    ) -> MatrixSyncService {
        let network = network.id
        var directRoomRead: (@Sendable (String, Timestamp) async -> Void)?
        if let pager {
            directRoomRead = { userID, time in await pager.chatRead(by: userID, at: time) }
        }
        let withRole = Set((people.commanders + people.responders).filter { $0.network == network }.map(\.name))
        return MatrixSyncService(
            client: client, network: self.network, coordinator: coordinator, writer: writer, store: store,
            invitePolicy: MatrixInvitePolicy(
                configuredRooms: Set(config.rooms + (config.announceRoom.map { [$0] } ?? [])),
                readsEncryptedRooms: self.network.crypto != nil),
            inviterHasRole: { withRole.contains($0) }, rooms: config.rooms + (config.announceRoom.map { [$0] } ?? []),
            filter: MatrixSyncFilter(timelineLimit: config.timelineLimit), logger: logger, clock: clock, timers: timers,
            crypto: self.network.crypto, deviceID: config.deviceID,
            directRoomRead: directRoomRead)
    }
}

extension MatrixClientConfiguration {
    /// The client settings for `matrix:`.
    init(_ config: SitrepConfig.Matrix) {
        let credentials: Credentials =
            switch config.credentials {
            case .password(let secret):
                .password(user: config.userID, password: secret.reveal(), deviceID: config.deviceID)
            case .accessToken(let token):
                .accessToken(token.reveal())
            }
        self.init(
            homeserverURL: config.homeserver, credentials: credentials, caFile: config.caFile, insecure: config.insecure
        )
    }
}
