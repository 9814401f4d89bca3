import Testing

@testable import SitrepCore

@Suite struct AlertAnnouncementTests {
    typealias F = AlertFixtures
    typealias Item = AlertAnnouncement.Item

    @Test func eachKindOfLineReadsAsDocumented() {
        let alert = F.alert(17, summary: "High error rate on checkout")
        #expect(
            AlertAnnouncement.line(Item(alert: alert, kind: .firing(hint: true), label: "critical"))
                == "alert 17 firing [critical]: High error rate on checkout; !declare from alert 17"
        )
        #expect(
            AlertAnnouncement.line(Item(alert: alert, kind: .inIncident(id: 4, channel: "#inc-4")))
                == "alert 17 firing: High error rate on checkout → INC-4 (#inc-4)"
        )
        #expect(
            AlertAnnouncement.line(Item(alert: alert, kind: .resolved(incidentID: 4)))
                == "alert 17 resolved: High error rate on checkout (INC-4)"
        )
        #expect(
            AlertAnnouncement.line(Item(alert: alert, kind: .firing(hint: false), url: "http://prom/graph?g0"))
                == "alert 17 firing: High error rate on checkout http://prom/graph?g0"
        )
        #expect(
            AlertAnnouncement.line(Item(alert: alert, kind: .firingAgain))
                == "alert 17 firing again: High error rate on checkout"
        )
    }

    @Test func upToTheLimitEveryAlertGetsItsLine() {
        let items = (1...6).map { Item(alert: F.alert(Int64($0)), kind: .firing(hint: true)) }
        // One over the limit is shown rather than summarised: a summary line would save nothing.
        #expect(AlertAnnouncement.lines(items, maxLines: 5).count == 6)
        #expect(AlertAnnouncement.lines(Array(items.prefix(3)), maxLines: 5).count == 3)
        #expect(AlertAnnouncement.lines([], maxLines: 5).isEmpty)
    }

    @Test func aStormBecomesTheLimitAndOneSummaryLine() {
        var items = (1...8).map { Item(alert: F.alert(Int64($0), "HighLatency"), kind: .firing(hint: true)) }
        items += (9...12).map { Item(alert: F.alert(Int64($0), "DiskFull"), kind: .firing(hint: true)) }
        items.append(Item(alert: F.alert(14, "DiskFull"), kind: .firing(hint: true)))
        let lines = AlertAnnouncement.lines(items, maxLines: 3)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("alert 1 firing"))
        #expect(lines[3] == "…and 10 more firing: alerts 4–12, 14 (HighLatency ×5, DiskFull ×5)")
    }

    @Test func aMixedRestSaysHowManyFireAndHowManyResolved() {
        let items = [
            Item(alert: F.alert(1), kind: .firing(hint: true)),
            Item(alert: F.alert(2, "A"), kind: .firing(hint: true)),
            Item(alert: F.alert(3, "B", status: .resolved), kind: .resolved(incidentID: nil)),
            Item(alert: F.alert(5, "B", status: .resolved), kind: .resolved(incidentID: nil)),
        ]
        let lines = AlertAnnouncement.lines(items, maxLines: 1)
        #expect(
            lines == [
                "alert 1 firing: HighErrorRate; !declare from alert 1",
                "…and 3 more (1 firing, 2 resolved): alerts 2, 3, 5 (A, B ×2)",
            ]
        )
        let resolved = AlertAnnouncement.lines(Array(items.dropFirst(2)) + [items[2]], maxLines: 0)
        #expect(resolved == ["…and 3 more resolved: alerts 3, 5 (B ×3)"])
    }

    @Test func incidentsComeFirstThenTheWorstFiringThenResolved() {
        let items = [
            Item(alert: F.alert(1, status: .resolved), kind: .resolved(incidentID: nil)),
            Item(alert: F.alert(2), kind: .firing(hint: true), severity: .sev3),
            Item(alert: F.alert(3), kind: .firing(hint: true), severity: .sev1),
            Item(alert: F.alert(4), kind: .firing(hint: true)),
            Item(alert: F.alert(5), kind: .inIncident(id: 1, channel: "#inc-1")),
        ]
        let order = AlertAnnouncement.lines(items, maxLines: 10).map { $0.split(separator: " ")[1] }
        #expect(order == ["5", "3", "2", "4", "1"])
    }

    @Test func noLineEverCarriesALineBreakOrNUL() {
        let hostile = F.alert(
            7,
            "Evil\r\nQUIT :bye",
            severity: "crit\nical",
            labels: ["x": "\u{0}"],
            summary: "a\r\nPRIVMSG #ops :pwned\u{0}"
        )
        var items = [
            Item(alert: hostile, kind: .firing(hint: true), label: "crit\nical", url: "http://x/\r\nJOIN #0"),
            Item(alert: hostile, kind: .inIncident(id: 1, channel: "#inc-1\r\n")),
            Item(alert: hostile, kind: .resolved(incidentID: 1)),
        ]
        items += (8...20).map { Item(alert: F.alert(Int64($0), "Evil\n\u{0}\r"), kind: .firing(hint: true)) }
        let lines = AlertAnnouncement.lines(items, maxLines: 3)
        #expect(lines.count == 4)
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" }, "\(line)")
        }
    }

    @Test(arguments: [
        ([Int64](), ""), ([4], "4"), ([4, 5], "4, 5"), ([4, 5, 6], "4–6"), ([9, 1, 2, 3, 7], "1–3, 7, 9"),
        ([9, 1, 2, 3, 7, 8], "1–3, 7–9"),
        ([1, 1, 2, 3], "1–3"),
    ])
    func idRangesCompressRunsOfThree(ids: [Int64], text: String) {
        #expect(AlertAnnouncement.idRanges(ids) == text)
    }
}
