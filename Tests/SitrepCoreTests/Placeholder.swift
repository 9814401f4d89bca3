import Testing
@testable import SitrepCore

@Test func versionIsSemantic() {
    #expect(SitrepVersion.current.split(separator: ".").count == 3)
}
