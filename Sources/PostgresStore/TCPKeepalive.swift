import NIOCore
import NIOPosix
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// TCP keepalive for the store's watch connection (see `PostgresConnector`): a host that vanishes without closing
/// its connections (a network cut, a machine that lost power) is noticed within `detectionTime`, when the kernel's
/// probes go unanswered and the connection fails, instead of when some operation finally times out.
///
/// postgres-nio sets no socket options of its own, so the watch's socket is connected here, with the options set,
/// and handed to `PostgresConnection` as an established channel (it still negotiates TLS on it).
struct TCPKeepalive: Sendable, Equatable {
    /// Silence on the connection before the first probe.
    var idle: Duration = .seconds(2)
    /// Between two unanswered probes.
    var interval: Duration = .seconds(1)
    /// Unanswered probes before the kernel drops the connection.
    var probes: Int = 3

    static let watch = TCPKeepalive()

    /// How long a silent cut may go unnoticed at most: the idle time, then every probe unanswered.
    var detectionTime: Duration { idle + interval * probes }

    /// The socket options to set, as (level, name, value).
    var options: [(level: CInt, name: CInt, value: CInt)] {
        var options: [(CInt, CInt, CInt)] = [(SOL_SOCKET, SO_KEEPALIVE, 1)]
        #if os(Linux)
            let tcp = CInt(IPPROTO_TCP)
            options += [
                (tcp, TCP_KEEPIDLE, CInt(idle.components.seconds)),
                (tcp, TCP_KEEPINTVL, CInt(interval.components.seconds)),
                (tcp, TCP_KEEPCNT, CInt(probes)),
            ]
        #endif
        return options
    }

    /// A TCP connection to `host`:`port` with keepalive on, ready for `PostgresConnection`.
    func connect(
        host: String, port: Int, timeout: Duration,
        on group: any EventLoopGroup = PostgresConnection.defaultEventLoopGroup
    ) async throws -> any Channel {
        var bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(timeout / .milliseconds(1))))
        for option in options {
            bootstrap = bootstrap.channelOption(
                ChannelOptions.socket(SocketOptionLevel(option.level), SocketOptionName(option.name)),
                value: SocketOptionValue(option.value))
        }
        return try await bootstrap.connect(host: host, port: port).get()
    }
}

extension PostgresStoreConfiguration {
    /// A single connection's configuration for `host` over `channel`, a socket connected already (the watch,
    /// with its keepalive options); TLS and the server name as `connectionConfiguration(for:)` would use them.
    func connectionConfiguration(for host: Host, over channel: any Channel) throws -> PostgresConnection.Configuration {
        let direct = try connectionConfiguration(for: host)
        var configuration = PostgresConnection.Configuration(
            establishedChannel: channel, tls: direct.tls, username: user, password: password, database: database)
        configuration.options = direct.options
        if (try? SocketAddress(ipAddress: host.host, port: host.port)) == nil {
            configuration.options.tlsServerName = host.host
        }
        return configuration
    }
}
