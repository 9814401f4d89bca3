import Foundation
import Hummingbird
import SitrepWeb
import Testing

/// The token check on its own: which headers grant access, and that the token never prints.
@Suite struct InternalAccessTests {
    let token = AccessToken("correct-horse-battery-staple")

    private func check(_ authorization: String?) -> InternalAccess {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        return InternalAccess.check(headers, token: token)
    }

    private func basic(_ credentials: String) -> String {
        "Basic " + Data(credentials.utf8).base64EncodedString()
    }

    @Test func tokenMatchesOnlyItselfByteForByte() {
        #expect(token.matches("correct-horse-battery-staple".utf8))
        #expect(!token.matches("correct-horse-battery-stapl".utf8))
        #expect(!token.matches("correct-horse-battery-staplee".utf8))
        #expect(!token.matches("Correct-horse-battery-staple".utf8))
        #expect(!token.matches("".utf8))
        #expect(!token.matches(Array("correct-horse-battery-staple".utf8) + Array("correct-horse-battery-staple".utf8)))
    }

    @Test func grantedByBearerOrBasicPassword() {
        #expect(check("Bearer correct-horse-battery-staple") == .granted)
        #expect(check("bearer   correct-horse-battery-staple") == .granted)
        #expect(check(basic("anyone:correct-horse-battery-staple")) == .granted)
        #expect(check(basic(":correct-horse-battery-staple")) == .granted)
        #expect(check("BASIC " + Data("x:correct-horse-battery-staple".utf8).base64EncodedString()) == .granted)
    }

    @Test func refusedOtherwise() {
        #expect(check(nil) == .missingCredentials)
        #expect(check("Bearer") == .missingCredentials)
        #expect(check("Token correct-horse-battery-staple") == .missingCredentials)
        #expect(check("Basic !!!notbase64") == .missingCredentials)
        #expect(check(basic("correct-horse-battery-staple")) == .missingCredentials, "no colon: no password")
        #expect(check("Bearer wrong") == .wrongCredentials)
        #expect(check(basic("correct-horse-battery-staple:")) == .wrongCredentials, "the token is the password")
        #expect(InternalAccess.check([.authorization: "Bearer x"], token: nil) == .disabled)
    }

    @Test func tokenNeverPrints() {
        #expect("\(token)" == "<redacted>")
        #expect(String(reflecting: token) == "<redacted>")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("horse"))
    }
}
