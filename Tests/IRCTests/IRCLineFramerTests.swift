import Testing

@testable import IRC

@Suite struct IRCLineFramerTests {
    static let stream = Array(
        "PING :a\r\n\r\n\nPRIVMSG #c :bare lf\n:s 001 sitrep :welcome 🚨\r\n\r\r\nlast\r\n".utf8
    )
    static let expectedLines = ["PING :a", "PRIVMSG #c :bare lf", ":s 001 sitrep :welcome 🚨", "\r", "last"]

    /// Feeds `bytes` in chunks of `size` and collects every event.
    static func events(_ bytes: [UInt8], chunkSize size: Int, max: Int = IRCLineFramer.defaultMaxLineLength) -> [String]
    {
        var framer = IRCLineFramer(maxLineLength: max)
        var events: [String] = []
        var start = 0
        while start < bytes.count {
            framer.append(bytes[start..<min(start + size, bytes.count)])
            start += size
            while let event = framer.next() {
                switch event {
                case .line(let line): events.append(String(decoding: line, as: UTF8.self))
                case .lineTooLong: events.append("<too long>")
                }
            }
        }
        return events
    }

    @Test(arguments: Array(1...20) + [64, 1_000])
    func framesIdenticallyForEveryChunkSize(_ size: Int) {
        #expect(Self.events(Self.stream, chunkSize: size) == Self.expectedLines)
    }

    @Test func keepsAPartialLineUntilItsLineFeedArrives() {
        var framer = IRCLineFramer()
        framer.append(Array("PING :par".utf8))
        #expect(framer.nextLine() == nil)
        framer.append(Array("tial\r".utf8))
        #expect(framer.nextLine() == nil)
        framer.append([0x0A])
        #expect(framer.nextLine().map { String(decoding: $0, as: UTF8.self) } == "PING :partial")
        #expect(framer.nextLine() == nil)
    }

    static let overlong: [UInt8] = {
        var bytes = Array("before\r\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100) + Array("\r\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 33) + Array("\r\n".utf8)  // max + 1
        bytes += [UInt8](repeating: UInt8(ascii: "z"), count: 32) + Array("\r\n".utf8)  // exactly max
        bytes += [UInt8](repeating: UInt8(ascii: "w"), count: 33) + Array("\n".utf8)
        bytes += Array("after\n".utf8)
        return bytes
    }()

    @Test(arguments: Array(1...40) + [500])
    func discardsOverlongLinesTheSameWayForEveryChunkSize(_ size: Int) {
        let events = Self.events(Self.overlong, chunkSize: size, max: 32)
        #expect(
            events == ["before", "<too long>", "<too long>", String(repeating: "z", count: 32), "<too long>", "after"]
        )
    }

    @Test func boundsMemoryWhenNoLineFeedEverComes() {
        var framer = IRCLineFramer(maxLineLength: 100)
        var tooLong = 0
        for _ in 0..<10_000 {
            framer.append([UInt8](repeating: 0x41, count: 64))
            while let event = framer.next() { if event == .lineTooLong { tooLong += 1 } }
        }
        #expect(tooLong == 1)
        #expect(framer.discardedLineCount == 1)
        framer.append(Array("tail\nPING\n".utf8))
        #expect(framer.nextLine().map { Array($0) } == Array("PING".utf8))
    }

    @Test func nextLineSkipsOverlongLinesAndCountsThem() {
        var framer = IRCLineFramer(maxLineLength: 4)
        framer.append(Array("toolong\nok\n".utf8))
        #expect(framer.nextLine().map { Array($0) } == Array("ok".utf8))
        #expect(framer.discardedLineCount == 1)
    }

    @Test func returnedLinesStayValidAfterMoreBytesArrive() {
        var framer = IRCLineFramer()
        framer.append(Array("one\ntwo".utf8))
        let first = framer.nextLine()
        for _ in 0..<100 { framer.append(Array("\nthree".utf8)) }
        #expect(first.map { Array($0) } == Array("one".utf8))
    }
}
