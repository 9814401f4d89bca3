import BenchSupport
import Foundation
import Matrix
import MatrixE2EE

/// Matrix end-to-end encryption benchmark, in process and without a homeserver: the bot's own crypto path
/// (`MatrixDeviceCrypto` on libolm), measured where it adds to what a plain room costs.
/// 1. per event: a room message decoded from its JSON as it arrives in `/sync`, plain vs encrypted (decoded, then
///    Megolm-decrypted and checked), and the bot's cost to encrypt a reply;
/// 2. room keys: the cost to take one `m.room_key` over Olm, the resident memory per 1,000 inbound Megolm sessions,
///    and the sealed state (what the store keeps, and what a restart unseals) per 1,000 sessions.
///
/// Usage: sitrep-crypto-bench [--events N] [--sessions M]   (defaults 20,000 events, 1,000 sessions)
struct Options {
    var events = 20_000
    var sessions = 1_000

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--events": events = max(1, Int(value) ?? events)
            case "--sessions": sessions = max(1, Int(value) ?? sessions)
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

/// Times `body` run `count` times; microseconds per run.
func microsecondsEach(_ count: Int, _ body: (Int) throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    for index in 0..<count { try body(index) }
    return seconds(start.duration(to: .now)) * 1e6 / Double(count)
}

/// This process's resident memory in KiB (`VmRSS` of /proc/self/status).
func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// A device with published keys and a one-time key another device can claim.
func device(_ user: String, _ id: String) throws -> (MatrixDeviceCrypto, MatrixDeviceKeys, MatrixSignedKey) {
    let crypto = try MatrixDeviceCrypto(userID: user, deviceID: id)
    guard let upload = try crypto.keysToUpload(serverCount: 0), let keys = upload.deviceKeys,
        let oneTimeKey = upload.oneTimeKeys.values.first
    else { throw BenchFailure(description: "no keys to publish for \(id)") }
    crypto.published()
    return (crypto, keys, oneTimeKey)
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

/// An `m.room.message` event as `/sync` delivers it, with `content` as JSON.
func eventJSON(type: String, content: String, index: Int) -> [UInt8] {
    Array(
        """
        {"type":"\(type)","sender":"@alice:localhost","event_id":"$event\(index)","origin_server_ts":\(1_700_000_000_000 + index),"content":\(content)}
        """.utf8)
}

let options = Options(CommandLine.arguments)
let room = "!incident:localhost"
let botID = "@sitrep:localhost"
let aliceID = "@alice:localhost"
let (bot, botKeys, botOneTimeKey) = try device(botID, "SITREP")
let (alice, _, _) = try device(aliceID, "ALICE")

// Alice's room key reaches the bot over Olm, as in an encrypted incident room.
func shareKey(of sender: MatrixDeviceCrypto, in roomID: String) throws -> [MatrixToDeviceEvent] {
    let due = try sender.devicesToShare(roomID: roomID, members: [botID], devices: [botKeys], now: 0)
    let messages = try sender.roomKeyMessages(roomID: roomID, to: due)
    return due.map { MatrixToDeviceEvent(type: "m.room.encrypted", sender: aliceID, encrypted: messages[botID]?[$0.deviceID]) }
}
try alice.startSession(with: botKeys, oneTimeKey: botOneTimeKey)
_ = bot.receive(try shareKey(of: alice, in: room))

// 1. Per event: plain vs encrypted, as the flood's lines look.
let events = options.events
let text = "flood 1234: looking at the replica lag graphs now"
let plainContent = String(decoding: try MatrixJSON.encode(MatrixJSONValue.object(["msgtype": .string("m.text"), "body": .string(text)])), as: UTF8.self)
let plain = (0..<events).map { eventJSON(type: "m.room.message", content: plainContent, index: $0) }
// A session rotates after 100 messages in sitrep; the sender here keeps one (Element's default is 100 too, but the
// cost per event does not depend on which session it is).
let encryptStarted = ContinuousClock.now
let encrypted = try (0..<events).map { index in
    let content = try alice.encrypt(
        type: "m.room.message", content: .object(["msgtype": .string("m.text"), "body": .string(text)]), in: room)
    return eventJSON(type: "m.room.encrypted", content: String(decoding: try MatrixJSON.encode(content), as: UTF8.self), index: index)
}
let encryptEach = seconds(encryptStarted.duration(to: .now)) * 1e6 / Double(events)
var sink = 0
let plainEach = try microsecondsEach(events) { index in
    let event = try MatrixJSON.decode(MatrixEvent.self, from: plain[index])
    if case .message(let message) = event.content { sink &+= message.body.utf8.count }
}
let encryptedEach = try microsecondsEach(events) { index in
    let event = try MatrixJSON.decode(MatrixEvent.self, from: encrypted[index])
    guard case .encrypted(let content) = event.content, case .success(let opened) = bot.decrypt(content, in: room) else {
        throw BenchFailure(description: "event \(index) did not decrypt")
    }
    if case .object(let fields) = opened.content, case .string(let body)? = fields["body"] { sink &+= body.utf8.count }
}
report("crypto bench: \(events) room events of \(text.utf8.count) bytes; \(options.sessions) inbound Megolm sessions")
report(String(format: "per event, plain: decoded from /sync JSON in %.1f µs", plainEach))
report(
    String(
        format: "per event, encrypted: decoded and Megolm-decrypted in %.1f µs (+%.1f µs to decrypt: %.0f events/s on one core)",
        encryptedEach, encryptedEach - plainEach, 1e6 / encryptedEach))
report(String(format: "per reply, encrypting (the sender's side, as the bot does for what it says): %.1f µs", encryptEach))

// 2. Room keys: alice in many encrypted rooms shares one Megolm key per room over her Olm session with the bot.
let sessions = options.sessions
let keyMessages = try (0..<sessions).map { try shareKey(of: alice, in: "!room\($0):localhost") }
let before = residentKiB()
let receiveEach = try microsecondsEach(sessions) { index in
    guard case .roomKey? = bot.receive(keyMessages[index]).first else {
        throw BenchFailure(description: "room key \(index) was not taken")
    }
}
let after = residentKiB()
let perThousand = Double(after - before) * 1000 / Double(sessions)
report(String(format: "room key over Olm (m.room_key from an Olm session already open): %.0f µs to take", receiveEach))
report(
    String(
        format: "memory: %.0f KiB more resident after taking %d inbound Megolm sessions = %.0f KiB per 1,000",
        Double(after - before), sessions, perThousand))
let key = Array("a store key of thirty-two bytes!!".utf8)
let sealStarted = ContinuousClock.now
let sealed = try bot.seal(key: key)
let sealTime = seconds(sealStarted.duration(to: .now))
let unsealStarted = ContinuousClock.now
_ = try MatrixDeviceCrypto(unsealing: sealed, key: key, userID: botID, deviceID: "SITREP")
let unsealTime = seconds(unsealStarted.duration(to: .now))
report(
    String(
        format: "sealed state: %d KiB for %d sessions (%.0f KiB per 1,000); sealed in %.0f ms, unsealed (a restart) in %.0f ms",
        sealed.utf8.count / 1024, sessions + 1, Double(sealed.utf8.count) / 1024 * 1000 / Double(sessions + 1),
        sealTime * 1000, unsealTime * 1000))
if sink == 42 { report("") }
