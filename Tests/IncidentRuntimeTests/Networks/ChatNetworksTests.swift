@testable import IncidentRuntime
import Matrix
import SitrepCore
import Synchronization
import Testing


/// A network double that claims targets by a rule and records what it was asked to do.
final class ClaimingNetwork: ChatNetwork, Sendable {
    let id: String
    let claims: @Sendable (String) -> Bool
    private let performed = Mutex<[[ChatAction]]>([])

    init(id: String, claims: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.id = id
        self.claims = claims
    }

    var batches: [[ChatAction]] { performed.withLock { $0 } }

    func botNick() async -> String { "bot-\(id)" }
    func isChannelOperator(_ nick: String, in channel: String) async -> Bool { nick == "op-\(id)" }
    func nick(for person: ChatIdentity) async -> String { "\(id):\(person.name)" }
    func members(of channel: String) async -> [Participant] { [] }
    func nameKey(_ name: String) -> String { "\(id)/\(name)" }
    func plainText(_ text: String) -> String { text }
    func perform(_ actions: [ChatAction]) async { performed.withLock { $0.append(actions) } }
    func owns(_ target: String) -> Bool { claims(target) }
    func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?) -> IncidentConfiguration {
        var configuration = base
        configuration.network = id
        return configuration
    }
}

/// `ChatNetworks`: one `ChatNetwork` over IRC and Matrix, each call and action going to the network that owns
/// its target, so the coordinator never needs to know which network a channel is on.
@Suite("Chat networks")
struct ChatNetworksTests {
    let irc = ClaimingNetwork(id: "irc")
    let matrix = ClaimingNetwork(id: "matrix", claims: MatrixName.isMatrixName)
    var both: ChatNetworks { ChatNetworks([irc, matrix]) }

    @Test func actionsGoToTheNetworkOfTheirTargetInOrderGroupedByRuns() async {
        await both.perform([
            .say(target: "#ops", text: "a"), .join(channel: "#inc-1"),
            .say(target: "!room:example.org", text: "b"), .message(target: "@alice:example.org", text: "page"),
            .invite(nick: "alice", channel: "#inc-2:example.org"), .say(target: "#ops", text: "c"),
        ])
        #expect(
            irc.batches == [
                [.say(target: "#ops", text: "a"), .join(channel: "#inc-1")], [.say(target: "#ops", text: "c")],
            ])
        #expect(
            matrix.batches == [
                [
                    .say(target: "!room:example.org", text: "b"), .message(target: "@alice:example.org", text: "page"),
                    .invite(nick: "alice", channel: "#inc-2:example.org"),
                ]
            ])
    }

    @Test func questionsAreAnsweredByTheOwningNetwork() async {
        #expect(both.nameKey("#Ops") == "irc/#Ops")
        #expect(both.nameKey("!r:example.org") == "matrix/!r:example.org")
        #expect(await both.botNick(in: "!r:example.org") == "bot-matrix")
        #expect(await both.botNick(in: "#ops") == "bot-irc")
        #expect(await both.isChannelOperator("op-matrix", in: "!r:example.org"))
        #expect(await !both.isChannelOperator("op-matrix", in: "#ops"))
        #expect(await both.nick(for: .account("@bob:example.org", network: "matrix")) == "matrix:@bob:example.org")
        #expect(await both.nick(for: .account("bob")) == "irc:bob")
    }

    @Test func anIncidentDeclaredInARoomGetsItsChannelOnThatNetwork() {
        let base = IncidentConfiguration()
        #expect(both.incidentConfiguration(base, declaredIn: "!r:example.org").network == "matrix")
        #expect(both.incidentConfiguration(base, declaredIn: "#ops").network == "irc")
        #expect(both.incidentConfiguration(base, declaredIn: nil).network == "irc")
    }

    @Test(arguments: [
        ("!abc:example.org", true), ("#ops:example.org", true), ("@alice:example.org", true), ("#ops", false),
        ("!rgx5JrtqsYqcdLaevBGjoqHhyaf6oJX7gDRNu1ZF4u8", true), ("alice", false), ("#:example.org", false),
        ("@alice", false), ("!", false),
    ])
    func matrixNamesAreRecognisedByShape(name: String, isMatrix: Bool) {
        #expect(MatrixName.isMatrixName(name) == isMatrix)
    }
}
