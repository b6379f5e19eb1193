import Rules
import Testing
import TicketTriage

@Suite struct NegationTests {
    static let engine = try! pack(rules: """
    rules:
      - {id: no_power, flags: [urgent], when: [停电, 没电, 冇电, 来不了电, གློག་མེད, གློག་ཆད], examples: {match: [停电], no_match: [来电]}}
      - {id: arrears, flags: [urgent], when: 欠费, examples: {match: [欠费], no_match: [交费]}}
      - {id: voltage, flags: [urgent], when: 电压低, examples: {match: [电压低], no_match: [电压高]}}
      - {id: complaint, flags: [urgent], when: 投诉, examples: {match: [投诉], no_match: [表扬]}}
      - {id: cut, flags: [urgent], when: ཆད, examples: {match: [ཆད], no_match: [ཡོད]}}
      - {id: nobody_came, flags: [urgent], when: སུ་ཡང་མ་ཡོང, examples: {match: [སུ་ཡང་མ་ཡོང], no_match: [ཡོང]}}
    """)

    @Test("Negated terms do not count; terms holding their own negator do; questions are not negation", arguments: [
        ("不是停电", [String]()),
        ("肯定没欠费", []),
        ("我根本没欠费啊", []),
        ("唔係停電", []),
        ("冇欠費", []),
        ("我家没电了", ["no_power"]),
        ("屋企冇電", ["no_power"]),
        ("家里来不了电", ["no_power"]),
        ("ངའི་ཁྱིམ་ལ་གློག་མེད།", ["no_power"]),
        ("是不是停电了", ["no_power"]),
        ("有没有停电", ["no_power"]),
        ("係唔係停電", ["no_power"]),
        ("有冇停電", ["no_power"]),
        ("不是没电，是电压低", ["voltage"]),
        ("停电了，不是欠费", ["no_power"]),
        ("没停电，但是欠费了", ["arrears"]),
        ("我不是要投诉，就问问", []),
        ("གློག་ཆད་པ་མ་རེད།", []),
        ("གློག་ཆད་མེད།", []),
        ("གློག་མེད་པ་མ་རེད། གློག་ཤུགས་དམའ་པོ་རེད།", []),
        ("གློག་ཆད་མེད་དམ།", ["cut", "no_power"]),
        ("不欠费。停电了", ["no_power"]),
        ("གློག་མ་ཆད།", []),
        ("གློག་ཆད་སོང་།", ["cut", "no_power"]),
        // The last syllable of a word (ཚང་མ, all) is no negator.
        ("ཚང་མ་གློག་ཆད་སོང་།", ["cut", "no_power"]),
        // Nor is the first syllable of a word that begins with it (མི་སུ་ཡང, nobody: མི is "person");
        // on its own before a verb, མི negates.
        ("ད་བར་མི་སུ་ཡང་མ་ཡོང་།", ["nobody_came"]),
        ("གློག་མི་ཆད།", []),
        // A yes-or-no pair asks: is there a cut or not?
        ("གློག་ཆད་ཡོད་མེད།", ["cut", "no_power"]),
        // The negator of an ending (ཤེས་མི་འདུག) does not reach the words after it.
        ("ང་ལ་ཤེས་མི་འདུག་གློག་ཆད་སོང་།", ["cut", "no_power"]),
        // A Chinese word inside a Tibetan sentence is negated the Tibetan way, after the verb.
        ("ངས་投诉 བྱེད་འདོད་མེད།", []),
        ("ངས་投诉 བྱེད་རྒྱུ་ཡིན།", ["complaint"]),
    ])
    func negationScope(text: String, expected: [String]) {
        #expect(Self.engine.fired(text) == expected.sorted(), "\(text)")
    }

    @Test("An agent's note is not the customer's request: after an opening marker (已告知), before a closing one (…བརྡ་སྦྱར་ཟིན)", arguments: [
        ("客户称家里没电，已告知可能欠费", ["no_power"]),
        ("已告知客户欠费后会停电", [String]()),
        ("欠费了。已告知", ["arrears"]),
        ("སྤྱོད་མཁན་ལ་གློག་ཆད་ཡོད་པ་བརྡ་སྦྱར་ཟིན།", []),
        // The note reaches back to the shad, or to the space Tibetan writes after ག instead of one.
        ("ཁྱིམ་ལ་གློག་ཆད་སོང་། སྤྱོད་མཁན་ལ་སེམས་གསོ་བྱས་ཟིན།", ["cut", "no_power"]),
        ("ཁྱིམ་ལ་གློག་ཆད་འདུག སྤྱོད་མཁན་ལ་བརྡ་སྦྱར་ཟིན།", ["cut", "no_power"]),
        // Any other space (around a number) does not end the note.
        ("སྤྱོད་མཁན་ལ་ཆུ་ཚོད་ ༨ ལ་གློག་ཆད་རྒྱུ་བརྡ་སྦྱར་ཟིན།", []),
    ])
    func agentsNotes(text: String, expected: [String]) {
        #expect(Self.engine.fired(text) == expected.sorted(), "\(text)")
    }

    @Test func perTermOptOutAndNegatedOnly() throws {
        let engine = try pack(rules: """
        rules:
          - {id: any_mention, flags: [urgent], when: {term: 欠费, negation: ignore}, examples: {match: [不欠费], no_match: [交费]}}
          - {id: denies, flags: [urgent], when: {term: 欠费, negation: only}, examples: {match: [肯定没欠费], no_match: [欠费了]}}
        """)
        #expect(engine.fired("我肯定没欠费") == ["any_mention", "denies"])
        #expect(engine.fired("欠费了") == ["any_mention"])
    }
}

@Suite struct MatchingTests {
    static let engine = try! pack(rules: """
    sets:
      bill: [电费, 电费单]
      fee_any: [{term: 电费, match: substring}]
    rules:
      - {id: bill, flags: [urgent], when: "@bill", examples: {match: [电费], no_match: [话费]}}
      - {id: fee_anywhere, flags: [urgent], when: "@fee_any", examples: {match: [充电费用], no_match: [话费]}}
      - {id: outage, flags: [urgent], when: 停电, examples: {match: [停电了], no_match: [暂停电费代扣]}}
      - {id: balance, flags: [urgent], when: 余额, examples: {match: [电费余额], no_match: [电费]}}
      - {id: tibetan_fee, flags: [urgent], when: གློག་གླ, examples: {match: [གློག་གླའི་ལྷག་མ], no_match: [གློག་མེད]}}
      - {id: near_ordered, flags: [urgent], when: {near: [电线, 断], within: 3, ordered: true}, examples: {match: [电线被风刮断], no_match: [断了一根电线]}}
      - {id: near_any_order, flags: [urgent], when: {near: [电表, 坏], within: 1}, examples: {match: [坏了的电表], no_match: [电表今天早上好像坏]}}
    """)

    @Test("Terms match on token and inner boundaries, in either script", arguments: [
        ("这个月电费多少", ["bill", "fee_anywhere"]),
        ("電費單收到了", ["bill", "fee_anywhere"]),
        ("充电费用太贵", ["fee_anywhere"]),
        ("话费欠了", []),
        ("暂停电费代扣", ["bill", "fee_anywhere"]),
        ("查一下電費餘額", ["balance", "bill", "fee_anywhere"]),
        ("གློག་གླའི་ལྷག་མ་ག་ཚོད་ཡོད།", ["tibetan_fee"]),
        ("门口电线被风刮断了", ["near_ordered"]),
        ("断了一根旧的电线", []),
        ("坏电表", ["near_any_order"]),
    ])
    func boundaries(text: String, expected: [String]) {
        #expect(Self.engine.fired(text) == expected.sorted(), "\(text)")
    }

    @Test("Spaces between Han or Tibetan words and lone fillers do not split a term", arguments: [
        ("家里 来 不了 电", ["no_power"]),
        ("ཁྱིམ་ལ་ གློག་ ཨ་ མེད", ["no_power"]),
        ("ཁྱིམ་ལ་གློག མེད", ["no_power"]),
        ("呃 不是 停 电 是 电压 低", ["voltage"]),
        ("ཨ་མ་ གློག་ཡོད", []),
        ("ཨ་ཁུ་ལགས། གློག་ཨ་མེད", []),
    ])
    func spacedWords(text: String, expected: [String]) {
        #expect(NegationTests.engine.fired(text) == expected.sorted(), "\(text)")
    }

    @Test func spacedEvidenceKeepsTheFiller() throws {
        let result = NegationTests.engine.classify("ཁྱིམ་ལ་ གློག་ ཨ་ མེད")
        let noPower = try #require(result.rules.first { $0.id == "no_power" })
        #expect(noPower.evidence.map(\.text) == ["གློག་ ཨ་ མེད"])
    }

    @Test func evidenceIsTheCustomersOwnWords() throws {
        let result = Self.engine.classify("請查電費餘額")
        let balance = try #require(result.rules.first { $0.id == "balance" })
        #expect(balance.evidence.map(\.text) == ["餘額"])
        #expect(balance.evidence.map(\.start.byte) == [12])
        #expect(balance.evidence.map(\.end.scalar) == [6])
    }
}
