import Testing
import Text

@Suite struct ChineseSegmentationTests {
    @Test("Domain words come out whole, in Simplified and Traditional", arguments: [
        "电费", "电费余额", "欠费", "费控", "预付费", "业扩报装", "增容", "过户", "台区经理", "跳闸", "漏电",
        "电表", "表箱", "空开", "计划停电", "故障停电", "抢修", "供电所",
        "電費", "電費餘額", "欠費", "費控", "預付費", "業擴報裝", "過戶", "台區經理", "跳閘", "漏電", "電錶",
        "計畫停電", "計劃停電", "故障停電", "搶修", "供電所", "冇電", "跳掣", "唔係", "跳電", "電號",
    ])
    func domainWordIsOneToken(word: String) {
        #expect(tokens("我问一下\(word)的事") .contains(word), "\(tokens("我问一下\(word)的事"))")
    }

    @Test func numbersStayWhole() {
        let found = tokens("打了95598和12398都没人管")
        #expect(found.contains("95598") && found.contains("12398"), "\(found)")
    }

    @Test func innerBoundariesLetThePartsMatch() throws {
        let text = bundledTokenizer.tokenize("查电费余额")
        let token = try #require(text.tokens.first { $0.normalized == "电费余额" })
        #expect(token.inner.map(\.scalar) == [3])
        #expect(token.innerNormalized == [3])
        let traditional = try #require(bundledTokenizer.tokenize("查電費餘額").tokens.first { $0.text == "電費餘額" })
        #expect(traditional.inner.map(\.byte) == [9])
    }

    @Test("Words inside other words stay apart", arguments: [
        ("给电动车交充电费用", ["充电", "费用"]),
        ("暂停电费代扣", ["暂停", "电费", "代扣"]),
        ("手机没电了", ["手机", "没电"]),
    ])
    func embeddedWords(text: String, expected: [String]) {
        let found = tokens(text)
        for word in expected { #expect(found.contains(word), "\(found)") }
        #expect(!found.contains("停电"))
    }

    @Test func transcribedSpeechWithFillers() {
        #expect(tokens("呃那个我们家跳闸了嗯") == ["呃", "那个", "我们", "家", "跳闸", "了", "嗯"])
    }
}

@Suite struct TibetanSegmentationTests {
    @Test func syllablesShadAndLexiconWords() {
        #expect(tokens("ངའི་ཁྱིམ་ལ་གློག་མེད། ཞིག་གསོ་གནང་རོགས།")
            == ["ངའི་", "ཁྱིམ་", "ལ་", "གློག་མེད", "།", "ཞིག་གསོ་", "གནང་", "རོགས", "།"])
    }

    @Test func affixedParticleIsSetApartOnlyAfterALexiconWord() throws {
        let text = bundledTokenizer.tokenize("གློག་གླའི་ལྷག་མ")
        let fee = try #require(text.tokens.first)
        #expect(fee.text == "གློག་གླའི་")
        #expect(fee.normalized == "གློག་གླའི")
        // Inner boundaries: གླ (part of the entry གློག|གླ) and the genitive འི.
        #expect(fee.inner.map(\.scalar) == [5, 7])
        // ལས is not a lexicon word plus -ས: no boundary between ལ and ས.
        let work = try #require(bundledTokenizer.tokenize("ལས་ཀ").tokens.first)
        #expect(work.normalized.hasPrefix("ལས"))
        #expect(!work.inner.contains { $0.scalar == 1 })
    }

    @Test func chineseAndLatinInsideTibetan() {
        #expect(tokens("གློག་གླ་交了 APP ནང་") == ["གློག་གླ་", "交了", "APP", "ནང་"])
    }
}

@Suite struct TokenContractTests {
    @Test func everyCharacterButWhitespaceIsInExactlyOneToken() {
        let lines = corpusTexts + ["停\u{200B}电了！！！", "  ", "", "a\u{0}b", "👨\u{200D}👩\u{200D}👧 家里没电", "ئېلېكتر توكى يوق"]
        for line in lines {
            let result = bundledTokenizer.tokenize(line)
            let scalars = Array(line.unicodeScalars)
            var covered = [Bool](repeating: false, count: scalars.count)
            var previousEnd = 0
            for token in result.tokens {
                #expect(token.start.scalar >= previousEnd, "tokens overlap in \(line)")
                previousEnd = token.end.scalar
                for index in token.start.scalar..<token.end.scalar { covered[index] = true }
                let bytes = Array(line.utf8)[token.start.byte..<token.end.byte]
                #expect(String(decoding: bytes, as: UTF8.self) == token.text)
                #expect(String(String.UnicodeScalarView(scalars[token.start.scalar..<token.end.scalar])) == token.text)
            }
            for (index, scalar) in scalars.enumerated() where !covered[index] {
                #expect(scalar.properties.isWhitespace || scalar.value < 0x20, "U+\(String(scalar.value, radix: 16)) of \(line) is in no token")
            }
        }
    }

    @Test func otherScriptsPassThroughAsTheirOwnTokens() {
        let uyghur = bundledTokenizer.tokenize("ئېلېكتر توكى يوق 🙏")
        #expect(uyghur.tokens.map(\.script) == ["Arabic", "Arabic", "Arabic", "Common"])
        #expect(tokens("Power OFF!!") == ["Power", "OFF", "!!"])
    }

    @Test func emptyAndHugeTexts() {
        #expect(bundledTokenizer.tokenize("").tokens.isEmpty)
        let sentence = "我家没电了，电费余额还有五十元。"
        let long = String(repeating: sentence, count: 20_000)
        #expect(bundledTokenizer.tokenize(long).tokens.count == 20_000 * tokens(sentence).count)
    }

    @Test func sharedAcrossThreads() async {
        let texts = ["電費餘額不足", "གློག་གླའི་ལྷག་མ་མེད།", "我家跳闸了", "冇電啦點算"]
        let expected = texts.map(tokens)
        await withTaskGroup(of: Bool.self) { group in
            for round in 0..<64 {
                group.addTask { tokens(texts[round % texts.count]) == expected[round % texts.count] }
            }
            for await same in group { #expect(same) }
        }
    }
}
