import Testing
import TicketTriage

@Suite struct BundledDefaultsTests {
    @Test func lexiconsTravelInsideTheLibrary() throws {
        #expect(BundledDefaults.paths.contains("rules/lexicons/zh.txt"))
        #expect(BundledDefaults.paths.contains("rules/lexicons/bo.txt"))
        let tokenizer = try BundledDefaults.tokenizer()
        #expect(tokenizer.tokenize("業擴報裝").tokens.map(\.normalized) == ["业扩报装"])
    }
}
