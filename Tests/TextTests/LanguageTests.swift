import Testing
import Text

@Suite struct LanguageTests {
    @Test("The taxonomy's counting rule", arguments: [
        ("冇電", Language.traditionalChinese),
        ("停電？", .traditionalChinese),
        ("གློག་མེད།", .tibetan),
        ("我家没电了", .simplifiedChinese),
        ("冇得电哒", .simplifiedChinese),          // Hunan, Simplified characters
        ("唔该快啲嚟整电", .simplifiedChinese),      // Cantonese written in Simplified
        ("喺度等咗好耐都冇電", .traditionalChinese),
        ("APP上交不了电费", .simplifiedChinese),     // all-capital Latin words do not count
        ("10kV线路跳闸", .simplifiedChinese),        // kV: 2 letters
        ("我家 meter 坏了", .mixed),
        ("wo jia mei dian le", .simplifiedChinese),  // no Han, no Tibetan
        ("ང་ཚོའི་གྲོང་ཚོར 停电了", .mixed),
        ("གློག་གླ 交了 ཡིན་ཡང་", .mixed),
        ("ཁ་པར་ 95598 APP", .tibetan),
        ("", .simplifiedChinese),
        ("👍👍", .simplifiedChinese),
    ])
    func identifies(text: String, expected: Language) {
        #expect(Language(identifying: text) == expected, "\(text)")
    }

    @Test func countsWhatTheRuleReads() {
        let counts = ScriptCounts("電費 bill APP གློག")
        #expect(counts.han == 2)
        #expect(counts.latinLetters == 4)
        #expect(counts.tibetanLetters == 4)
        #expect(counts.traditionalOnly == 2)   // 電, 費
        #expect(counts.simplifiedOnly == 0)
    }
}
