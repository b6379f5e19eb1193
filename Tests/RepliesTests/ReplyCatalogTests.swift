import Foundation
import Testing
import TicketTriage

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ReplyCatalogTests {
    static let engine = try! TriageEngine.bundled()
    static var catalog: ReplyCatalog { engine.catalog }

    static func moment(_ text: String) -> Date { TicketContext.date(text)! }

    static func reply(_ text: String, _ context: TicketContext = TicketContext(), now: String = "2026-06-10T10:00:00") -> Reply {
        var context = context
        if context.now == nil { context.now = moment(now) }
        return engine.classify(text, context: context).reply!
    }

    @Test func rendersNamedArgumentsSelectAndPluralInEveryLocale() throws {
        let catalog = Self.catalog
        let now = Self.moment("2026-06-10T10:00:00")
        let urban = try catalog.render("fault.general", locale: .simplifiedChinese, given: ["area": "urban"], now: now)
        #expect(urban.contains("45分钟"))
        let remote = try catalog.render("fault.general", locale: .traditionalChinese, given: ["area": "remote"], now: now)
        #expect(remote.contains("兩小時"))
        let unknown = try catalog.render("fault.general", locale: .tibetan, given: [:], now: now)
        #expect(!unknown.contains("none") && !unknown.contains("{") && !unknown.isEmpty)
        let named = try catalog.render("opening", locale: .simplifiedChinese, given: ["customerName": "王女士", "staffId": "2087"], now: now)
        #expect(named == "王女士，您好，我是2087号客服代表，很高兴为您服务。")
        #expect(try catalog.render("opening", locale: .traditionalChinese, given: ["customerName": "陳先生", "staffId": "2087"], now: now)
            == "陳先生，您好，我是2087號客服專員，很高興為您服務。")
        #expect(try catalog.render("fault.general", locale: .tibetan, given: ["area": "urban"], now: now)
            == "ཁྱེད་རང་གིས་གསུངས་པའི་སྐྱོན་ཆ་ང་ཚོས་ཐོ་འགོད་བྱས་ཟིན་ཞིང་ཞིག་གསོ་བ་མངགས་ཟིན། ཞབས་ཞུའི་ཁས་ལེན་ལྟར་ཞིག་གསོ་བ་སྐར་མ་45ཙམ་གྱི་ནང་དུ་ས་གནས་སུ་སླེབས་ཐབས་བྱེད་རྒྱུ་ཡིན།")
        let anonymous = try catalog.render("opening", locale: .simplifiedChinese, given: [:], now: now)
        #expect(!anonymous.contains("2087") && !anonymous.contains("none"))
        let tibetan = try catalog.render("opening", locale: .tibetan, given: ["staffId": "2087"], now: now)
        #expect(tibetan.contains("2087") && tibetan.unicodeScalars.contains { (0x0F40...0x0FBC).contains($0.value) })
    }

    @Test func deadlineIsFormattedInShanghaiTime() throws {
        // 06:30 UTC is 14:30 in Asia/Shanghai; a complaint is followed up 24 hours later.
        let text = try Self.catalog.render("complaint.general", locale: .simplifiedChinese, given: [:], now: Self.moment("2026-03-05T06:30:00Z"))
        #expect(text.contains("3月6日") && text.contains("14:30"))
    }

    @Test func missingOrUnknownVariablesAreClearErrors() {
        #expect(throws: ReplyError.self) { try Self.catalog.render("fault.general", locale: .simplifiedChinese, given: ["etaa": "5"], now: Date()) }
        do {
            _ = try Self.catalog.render("fault.general", locale: .tibetan, [:])
            Issue.record("a script rendered without its variables")
        } catch {
            #expect(error.description.contains("fault.general") && error.description.contains("bo") && error.description.contains("has no value"))
        }
        #expect(throws: ReplyError.self) { try Self.catalog.render("fault.general", locale: .simplifiedChinese, given: ["eta": "soon"], now: Date()) }
    }

    @Test func mostSpecificScriptWins() {
        #expect(Self.reply("我家没电了，邻居家都有电").script == "fault.no_power")
        #expect(Self.reply("電錶箱燒壞了，冒煙").parts.first { $0.hasPrefix("safety") } == "safety.urgent")
        var open = TicketContext()
        open.openTicket = .init(kind: "complaint", deadlinePassed: false)
        var overdue = TicketContext()
        overdue.openTicket = .init(kind: "complaint", deadlinePassed: true)
        let complaint = "我要投诉你们的抢修人员态度恶劣"
        #expect(Self.reply(complaint).script == "complaint.general")
        #expect(Self.reply(complaint, open).script == "complaint.repeat_in_time")
        #expect(Self.reply(complaint, overdue).script == "complaint.repeat_overdue")
    }

    @Test func abusiveCallerLadderFollowsWarnings() {
        let text = "你们这帮废物，电什么时候来"
        var context = TicketContext()
        var steps: [[String]] = []
        for warnings in 0...2 {
            context.abuseWarnings = warnings
            steps.append(Self.reply(text, context).parts)
        }
        #expect(steps[0].contains("abuse.civil_language"))
        #expect(steps[1].contains("abuse.respect"))
        #expect(steps[2].contains("abuse.end_call"))
        // The last step ends the call: only the closing follows it.
        #expect(steps[2].drop { $0 != "abuse.end_call" }.dropFirst() == ["closing"])
    }

    @Test func escalationLadderClimbsWithHistory() {
        let threat = "再不来修我就打12398投诉你们"
        #expect(Self.reply(threat).parts.contains("escalation.shift_leader"))
        var overdue = TicketContext()
        overdue.openTicket = .init(kind: "fault_repair", deadlinePassed: true)
        #expect(Self.reply(threat, overdue).parts.contains("escalation.provincial"))
    }

    @Test func holidaysFollowTheCalendarsAndTheLocale() {
        let text = "停电了吗", tibetan = "གློག་ཆད་སོང་ངམ།"
        func holiday(_ text: String, _ now: String) -> String? {
            Self.reply(text, now: now).parts.first { $0.hasPrefix("holiday.") }
        }
        #expect(holiday(text, "2026-01-01T09:00:00") == "holiday.new_year")
        // 2026-02-17 is the first day of the first month in ICU's Chinese calendar; 03-03 the fifteenth.
        #expect(holiday(text, "2026-02-16T23:00:00") == nil)
        #expect(holiday(text, "2026-02-17T08:00:00") == "holiday.spring_festival")
        #expect(holiday(text, "2026-03-03T20:00:00") == "holiday.spring_festival")
        // Chinese replies greet Losar once the Spring Festival season is over (holidays.yaml).
        #expect(holiday(text, "2026-03-04T08:00:00") == "holiday.losar")
        #expect(holiday(text, "2026-03-05T08:00:00") == nil)
        // Losar 2026 begins on 02-18: Tibetan replies greet Losar where the two overlap.
        #expect(holiday(tibetan, "2026-02-17T08:00:00") == "holiday.spring_festival")
        #expect(holiday(tibetan, "2026-02-20T08:00:00") == "holiday.losar")
        #expect(holiday(tibetan, "2026-03-04T08:00:00") == "holiday.losar")
        #expect(holiday(tibetan, "2026-03-05T08:00:00") == nil)
        // Midnight in Shanghai, still the evening before in UTC.
        #expect(holiday(text, "2025-12-31T16:30:00Z") == "holiday.new_year")
    }

    @Test func replyLocaleFollowsTheTaxonomy() {
        #expect(Self.reply("我家沒電了，鄰居家都有電").locale == .traditionalChinese)
        #expect(Self.reply("ངའི་ཁྱིམ་ལ་གློག་མེད། 没电").locale == .tibetan)
        #expect(Self.reply("没电了没电了 ངའི་ཁྱིམ").locale == .simplifiedChinese)
        var context = TicketContext()
        context.customerLanguage = .tibetan
        #expect(Self.reply("我家没电了", context).locale == .tibetan)
    }

    @Test func asksForContactOnlyWhenTheTextLacksIt() {
        #expect(Self.reply("我家没电了，邻居家有电").parts.contains("contact.phone_and_address"))
        #expect(Self.reply("我家没电了，邻居家有电，电话138****5621").parts.contains("contact.address"))
        #expect(!Self.reply("幸福路12号我家没电了，邻居家有电，电话13812345621").parts.contains { $0.hasPrefix("contact.") })
    }

    /// Every corpus ticket under varied contexts gets a whole reply: no `none`, no raw `{…}`.
    @Test func everyCorpusTicketGetsACleanReply() throws {
        let lines = try String(contentsOf: packageRoot.appendingPathComponent("corpus/dev.jsonl"), encoding: .utf8).split(separator: "\n")
        let contexts: [TicketContext] = (0..<4).map { index in
            var context = TicketContext()
            context.now = Self.moment(["2026-02-20T10:00:00", "2026-06-10T10:00:00", "2027-01-02T10:00:00", "2026-10-01T10:00:00"][index])
            if index % 2 == 0 { context.area = [.urban, .remote][index / 2]; context.staffId = "3321"; context.customerName = "卓玛" }
            context.abuseWarnings = index % 3
            return context
        }
        for (number, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let reply = Self.reply(object["text"] as! String, contexts[number % contexts.count])
            let clean = !reply.text.isEmpty && !reply.text.contains("none") && !reply.text.contains("{")
            #expect(clean, "\(object["id"]!): \(reply.text)")
        }
    }

    @Test func brokenCatalogsAreRejectedWithPlaces() throws {
        var files = BundledDefaults.catalogFiles
        let path = "zh-Hans/fault.yaml"
        var text = String(decoding: files.contents[path]!, as: UTF8.self)
        text += "\nfault.extra: \"{area, select, none {尽快} other {约{eta}分钟}\"\n"
        text = text.replacingOccurrences(of: "fault.voltage: \"", with: "fault.voltage: \"{customerName}，")
        files.contents[path] = Array(text.utf8)
        do {
            _ = try ReplyCatalog.load(files)
            Issue.record("a broken catalog loaded")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.hasPrefix("scripts/zh-Hans/fault.yaml:") && $0.contains("fault.extra is not a script of catalog.yaml") })
            #expect(messages.contains { $0.contains("fault.voltage (zh-Hans) would show “none” when the ticket has no customerName") })
        }
        var unbalanced = BundledDefaults.catalogFiles
        unbalanced.contents["bo/common.yaml"] = Array((String(decoding: unbalanced.contents["bo/common.yaml"]!, as: UTF8.self)
            .replacingOccurrences(of: "closing: \"", with: "closing: \"{staffId, select, none {")).utf8)
        #expect(throws: DiagnosticsError.self) { try ReplyCatalog.load(unbalanced) }
    }
}
