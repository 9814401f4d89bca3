import Foundation
import Testing

@testable import Notify

struct AckLinkSignerTests {
    static let secret = Array("an acknowledge link secret of 32+ bytes".utf8)
    static let now = Date(timeIntervalSince1970: 1_796_644_800)
    static let claims = AckClaims(incidentID: 7, person: "dave", attemptID: "INC-7/tier-1/account:dave/email/1", expires: now.addingTimeInterval(3600))

    @Test func signedTokenVerifiesToTheSameClaims() throws {
        let signer = try AckLinkSigner(secret: Self.secret)
        let token = signer.sign(Self.claims)
        #expect(
            token.utf8.allSatisfy {
                $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                    || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            })
        #expect(signer.verify(token: token, now: Self.now) == .success(Self.claims))
    }

    @Test func expiredTokenIsRefusedAsExpired() throws {
        let signer = try AckLinkSigner(secret: Self.secret)
        let token = signer.sign(Self.claims)
        #expect(signer.verify(token: token, now: Self.claims.expires) == .failure(.expired(Self.claims)))
        #expect(signer.verify(token: token, now: Self.claims.expires.addingTimeInterval(-1)) == .success(Self.claims))
    }

    @Test func changedClaimsOrOtherSecretAreABadSignature() throws {
        let signer = try AckLinkSigner(secret: Self.secret)
        let token = signer.sign(Self.claims)
        var other = Self.claims
        other.person = "mallory"
        let forgedPayload = AckLinkSignerTests.payload(
            of: try AckLinkSigner(secret: Array(repeating: 7, count: 32)).sign(other))
        let forged = forgedPayload + "." + token.split(separator: ".")[1]
        #expect(signer.verify(token: forged, now: Self.now) == .failure(.badSignature))
        let foreign = try AckLinkSigner(secret: Array(repeating: 1, count: 32))
        #expect(foreign.verify(token: token, now: Self.now) == .failure(.badSignature))
    }

    @Test(arguments: ["", "abc", "a.b.c", "!!!.???", "eyJ9.", String(repeating: "A", count: 2000) + ".AA"])
    func malformedTokensAreRefused(token: String) throws {
        let signer = try AckLinkSigner(secret: Self.secret)
        #expect(signer.verify(token: token, now: Self.now) == .failure(.malformed))
    }

    @Test func truncatedTokenIsRefused() throws {
        let signer = try AckLinkSigner(secret: Self.secret)
        let token = signer.sign(Self.claims)
        let result = signer.verify(token: String(token.dropLast(5)), now: Self.now)
        #expect(result == .failure(.malformed) || result == .failure(.badSignature))
    }

    @Test func shortSecretIsRefused() {
        #expect(throws: AckLinkSigner.SecretProblem.tooShort(bytes: 8)) {
            try AckLinkSigner(secret: Array("12345678".utf8))
        }
    }

    static func payload(of token: String) -> String { String(token.split(separator: ".")[0]) }
}
