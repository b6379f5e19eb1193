import ICUBridge

/// Splits runs of Han characters into words.
///
/// The search is the one ICU's word break iterator runs for Chinese — the cheapest path through
/// the words of ICU's own dictionary, by ICU's costs, with an unknown character costing 255 —
/// extended with the domain lexicon, whose words ICU splits (电|费|余|额). A domain word costs
/// `domainWordCost`, about what ICU charges for a common two-character word, so it is kept whole
/// unless splitting the text elsewhere is clearly cheaper (充电|费用 keeps 电费 apart).
struct HanSegmenter: @unchecked Sendable {
    // The ICU dictionary is immutable data shared by all threads; every look-up makes its own
    // cursor, which is why this type is safe to share although it holds a pointer.
    private let dictionary: OpaquePointer
    private let lexicon: WordTrie
    static let unknownCost: Int32 = 255
    static let domainWordCost: Int32 = 60
    static let longestDictionaryWord = 20

    init?(lexicon: Lexicon) {
        guard let dictionary = tt_cjk_dictionary_open() else { return nil }
        self.dictionary = dictionary
        var trie = WordTrie()
        for (index, entry) in lexicon.entries.enumerated() { trie.insert(entry.word, value: Int32(index)) }
        self.lexicon = trie
    }

    /// Segments `text[range]` (normalised Han scalars), calling `word` for each word in order with
    /// its range and its domain lexicon entry, if it is one.
    func segment(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, word: (Range<Int>, Int32?) -> Void) {
        let count = range.count
        if count == 1 { return word(range, lexicon.value(of: text[range])) }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * (count + 1) + 2 * Self.longestDictionaryWord) { buffer in
            let bestCost = UnsafeMutableBufferPointer(rebasing: buffer[0...count])
            let previous = UnsafeMutableBufferPointer(rebasing: buffer[(count + 1)...(2 * count + 1)])
            let entryEnding = UnsafeMutableBufferPointer(rebasing: buffer[(2 * count + 2)...(3 * count + 2)])
            let lengths = UnsafeMutableBufferPointer(rebasing: buffer[(3 * count + 3)..<(3 * count + 3 + Self.longestDictionaryWord)])
            let costs = UnsafeMutableBufferPointer(rebasing: buffer[(3 * count + 3 + Self.longestDictionaryWord)...])
            bestCost.initialize(repeating: .max)
            previous.initialize(repeating: -1)
            entryEnding.initialize(repeating: -1)
            bestCost[0] = 0
            for offset in 0..<count where bestCost[offset] != .max {
                let start = range.lowerBound + offset
                let here = bestCost[offset]
                @inline(__always) func relax(_ length: Int, _ cost: Int32, entry: Int32) {
                    let end = offset + length
                    if here + cost < bestCost[end] {
                        bestCost[end] = here + cost
                        previous[end] = Int32(offset)
                        entryEnding[end] = entry
                    }
                }
                // Domain words first, so that they win ties.
                lexicon.forEachPrefix(of: text, from: start, limit: range.upperBound) { length, entry in
                    relax(length, Self.domainWordCost, entry: entry)
                }
                let found = Int(tt_dictionary_prefixes(dictionary, text.baseAddress! + start, Int32(range.upperBound - start),
                                                       Int32(Self.longestDictionaryWord), lengths.baseAddress!, costs.baseAddress!,
                                                       Int32(Self.longestDictionaryWord)))
                for index in 0..<found { relax(Int(lengths[index]), costs[index], entry: -1) }
                if found == 0 || lengths[0] != 1 { relax(1, Self.unknownCost, entry: -1) }
            }
            // Walk back from the end, turning `previous` into forward links in place.
            var end = count, next = -1
            while end > 0 {
                let start = Int(previous[end])
                previous[end] = Int32(next)
                next = end
                end = start
            }
            var start = 0
            while next > 0 {
                word(range.lowerBound + start..<range.lowerBound + next, entryEnding[next] >= 0 ? entryEnding[next] : nil)
                start = next
                next = Int(previous[next])
            }
        }
    }
}
