import Testing
import Text

@Suite struct NormalizationTests {
    @Test("Full width, case, zero width, ideographic space", arguments: [
        ("ＡＢＣ１２３", "abc123"),
        ("APP 交費", "app 交费"),
        ("停\u{200B}电", "停电"),
        ("电费\u{3000}多少", "电费 多少"),
        ("Ｅｌｅｃｔｒｉｃ", "electric"),
    ])
    func widthCaseAndInvisibles(input: String, expected: String) {
        #expect(NormalizedText(input).string == expected)
    }

    @Test("Traditional to Simplified, with ICU's phrase rules", arguments: [
        ("電費餘額不足", "电费余额不足"),
        ("計畫停電", "计划停电"),          // 畫 alone is 画; ICU's phrase rule makes 計畫 计划
        ("你們在幹甚麼", "你们在干什么"),
        ("乾坤", "乾坤"),                  // ICU keeps 乾 here
        ("冇電跳掣唔係", "冇电跳掣唔系"),
    ])
    func simplification(input: String, expected: String) {
        #expect(NormalizedText(input).string == expected)
    }

    @Test func tibetanVowelsAndDigits() {
        // U+0F73 is discouraged: it decomposes to U+0F71 U+0F72. U+0F0C is the non-breaking tsheg.
        #expect(NormalizedText("\u{0F40}\u{0F73}").scalars == [0x0F40, 0x0F71, 0x0F72])
        #expect(NormalizedText("\u{0F40}\u{0F75}").scalars == [0x0F40, 0x0F71, 0x0F74])
        #expect(NormalizedText("\u{0F40}\u{0F81}").scalars == [0x0F40, 0x0F71, 0x0F80])
        // Vowel signs typed in the wrong order are put in canonical order.
        #expect(NormalizedText("\u{0F40}\u{0F72}\u{0F71}").scalars == [0x0F40, 0x0F71, 0x0F72])
        #expect(NormalizedText("ཁ་པར་༡༣༨༠༠").string == "ཁ་པར་13800")
        #expect(NormalizedText("ང\u{0F0C}").scalars == [0x0F44, 0x0F0B])
    }

    @Test func matchesICUOnRealTickets() throws {
        let texts = corpusTexts + [
            "客户来电反映家中无电，经查询该户欠费，已告知购电方式。",
            "台電說計畫性停電，幾點復電？電號 0123456789",
            "ཨ་མདོའི་གྲོང་ཚོར་གློག་ཆད་ནས་ཆུ་ཚོད་གསུམ་སོང་། ཞུ་གཏུག་བྱེད།",
            "Ｍｙ  ｍｅｔｅｒ ﬁle ㍻ ① Å é",
        ]
        try #require(texts.count > 4, "the corpus should be readable from the tests")
        for text in texts {
            #expect(NormalizedText(text).string == icuReferenceNormalization(text), "\(text)")
        }
    }

    @Test func everyNormalisedScalarTracesBackToTheOriginal() {
        let text = "電費\u{200B}餘額ＡＢ\u{0F40}\u{0F73}"
        let normalized = NormalizedText(text)
        // The zero-width space normalises to nothing, inside the segment of the character before it.
        #expect(normalized.originalScalarRange(0..<1) == 0..<1)
        #expect(normalized.originalScalarRange(1..<2) == 1..<3)
        #expect(normalized.originalScalarRange(2..<4) == 3..<5)
        #expect(normalized.originalScalarRange(4..<6) == 5..<7)
        #expect(normalized.originalScalarRange(6..<9) == 7..<9)   // ཀ + decomposed vowel: one segment
        #expect(normalized.byteOffset(ofOriginalScalar: 3) == 9)
    }
}
