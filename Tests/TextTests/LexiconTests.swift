import Testing
import Text

@Suite struct LexiconTests {
    func diagnostics(_ text: [UInt8], _ script: Lexicon.Script = .han) -> [String] {
        do {
            _ = try Lexicon.parse(text, path: "zh.txt", script: script)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func acceptsBomCrlfCommentsAndBlankLines() throws {
        let lexicon = try Lexicon.parse(Array("\u{FEFF}# words\r\n电费|余额\r\n\r\n  跳闸  # trips\n電號".utf8), path: "zh.txt", script: .han)
        #expect(lexicon.entries.count == 3)
        #expect(lexicon.entries[0].innerBoundaries == [2])
        #expect(lexicon.entries[2].word == "电号".unicodeScalars.map(\.value))
    }

    @Test("Malformed lines are errors with line and column", arguments: [
        ("电费\t余额\n", "zh.txt:1:3: error: a lexicon line holds one word"),
        ("跳闸\n跳閘\n", "zh.txt:2:1: error: duplicate of line 1"),
        ("电费||余额\n", "zh.txt:1:4: error: empty part between | marks"),
        ("|\n", "zh.txt:1:1: error: empty part"),
        ("电费\u{FEFF}\n", "zh.txt:1:3: error: a byte-order mark"),
        ("95598\n", "zh.txt:1:1: error: ‘9’ cannot be in this lexicon"),
    ])
    func malformed(text: String, expected: String) {
        let found = diagnostics(Array(text.utf8))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test func invalidUTF8IsReportedWithItsColumn() {
        let found = diagnostics(Array("电费\n余".utf8) + [0xFF] + Array("额\n".utf8))
        #expect(found == ["zh.txt:2:2: error: invalid UTF-8 at byte 4 of the line; save the file as UTF-8"])
    }

    @Test func tibetanEntriesAreSyllables() throws {
        let lexicon = try Lexicon.parse(Array("གློག་གླ་|ལྷག་མ་\n".utf8), path: "bo.txt", script: .tibetan)
        #expect(lexicon.entries[0].word == "གློག་གླ་ལྷག་མ".unicodeScalars.map(\.value))
        #expect(lexicon.entries[0].innerBoundaries == [8])
        #expect(diagnostics(Array("电费\n".utf8), .tibetan).first?.contains("Tibetan letters") == true)
    }
}
