import Automaton
import Testing

@Suite struct AhoCorasickTests {
    func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func findsEveryOccurrenceOfEveryPattern() {
        let patterns = ["电费", "电费余额", "余额", "停电", "暂停"].map(scalars)
        let automaton = AhoCorasick(patterns: patterns)
        let found = automaton.matches(in: scalars("暂停电费代扣，电费余额不足"))
        #expect(found.map(\.pattern) == [4, 3, 0, 0, 1, 2])
        #expect(found.map(\.range) == [0..<2, 1..<3, 2..<4, 7..<9, 7..<11, 9..<11])
    }

    @Test func overlappingAndNestedPatterns() {
        let automaton = AhoCorasick(patterns: ["he", "she", "his", "hers"].map(scalars))
        #expect(automaton.matches(in: scalars("ushers")).map(\.pattern) == [1, 0, 3])
    }

    @Test func tibetanAndSupplementaryCharacters() {
        let automaton = AhoCorasick(patterns: ["གློག་ཆད", "𠀀𠀁"].map(scalars))
        #expect(automaton.matches(in: scalars("ང་ཚོར་གློག་ཆད་སོང་། 𠀀𠀁")).map(\.range) == [6..<13, 20..<22])
    }

    @Test func manyPatternsMatchLikeOne() {
        // Every pattern is found, whatever the size of the automaton.
        let words = (0..<5_000).map { "词\($0)号" }
        let automaton = AhoCorasick(patterns: words.map(scalars))
        let found = automaton.matches(in: scalars("有词4999号和词17号"))
        #expect(found.map(\.pattern).sorted() == [17, 4999])
    }

    @Test func emptyPatternsAndEmptyText() {
        let automaton = AhoCorasick(patterns: [[], scalars("电")])
        #expect(automaton.matches(in: []).isEmpty)
        #expect(automaton.matches(in: scalars("电")).map(\.pattern) == [1])
    }
}

@Suite struct TransitionTableTests {
    @Test func keepsEveryEdgeThroughGrowthAndReplacement() {
        var table = TransitionTable()
        // States and code points of every range: Han, Tibetan, beyond the BMP, state numbers above 2^16.
        let bases: [UInt32] = [0x7535, 0x0F42, 0x20000, 0x41]
        var edges: [(Int32, UInt32, Int32)] = []
        for index in 0..<20_000 {
            let codePoint: UInt32 = bases[index % 4] + UInt32(index % 97)
            edges.append((Int32(index * 7), codePoint, Int32(index)))
        }
        for (state, codePoint, target) in edges { table.set(state, codePoint, target) }
        table.set(edges[5].0, edges[5].1, -9)
        #expect(table.count == edges.count)
        #expect(edges.dropFirst(6).allSatisfy { table.target($0.0, $0.1) == $0.2 })
        #expect(table.target(edges[5].0, edges[5].1) == -9)
        #expect(table.target(1, 0x7535) == nil)
        #expect(table.edges.count == edges.count)
    }
}
