import Foundation
import Synchronization

/// A loopback TCP port for a server a test starts (a sitrep process's web side), free when picked.
///
/// Picked below the kernel's ephemeral range (32768–60999 on Linux), from which every outgoing connection of the
/// parallel tests takes its local port: a port the kernel handed out for binding there could be taken by a
/// client connection before the process under test binds it (CI saw `Address already in use`). Each pick is
/// checked bindable and never handed out twice in one test run.
public enum FreePort {
    private static let range = 20_000..<32_000
    private static let handedOut = Mutex<Set<Int>>([])

    public static func pick() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: range)
            let fresh = handedOut.withLock { $0.insert(port).inserted }
            if fresh, isBindable(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    private static func isBindable(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 }
        }
    }
}
