import IRC
import Testing

/// Which message targets are channels, under what the server advertised: the byte fast path for the common
/// ASCII targets and the character rule for the rest give the answers the protocol asks for.
@Suite struct ISupportChannelNameTests {
    @Test(arguments: [
        ("#ops", "#ops"), ("&local", "&local"), ("#", "#"), ("sitrep", nil), ("@#ops", nil), ("!weird", nil),
        ("é#ops", nil), ("#\u{301}ops", nil), ("#é", "#é"),
    ] as [(String, String?)])
    func theDefaultsKnowHashAndAmpersandChannels(target: String, channel: String?) {
        #expect(ISupport().channelName(fromTarget: target).map(String.init) == channel)
    }

    @Test(arguments: [
        ("@#ops", "#ops"), ("+#ops", "#ops"), ("@+#ops", "#ops"), ("@", nil), ("#ops", "#ops"), ("&ops", nil),
        ("§ops", "§ops"), ("@§ops", "§ops"), ("bob", nil),
    ] as [(String, String?)])
    func advertisedTypesAndStatusPrefixesAreHonoured(target: String, channel: String?) {
        var isupport = ISupport()
        isupport.apply(tokens: ["CHANTYPES=#§", "STATUSMSG=@+"])
        #expect(isupport.channelName(fromTarget: target).map(String.init) == channel)
    }
}
