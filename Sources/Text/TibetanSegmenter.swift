/// Groups the syllables of Tibetan text into words by longest match against the lexicon.
///
/// A syllable is a run of letters and vowel signs with the tsheg after it. A word may end in an
/// affixed particle (-ས, -ར, -འི, -འོ, -འམ, -འང) written inside its last syllable: the particle is
/// set apart (by an inner boundary) only when what is left is a lexicon word, so ལས and རས keep
/// their last letters unless the lexicon says otherwise.
struct TibetanSegmenter: Sendable {
    private let words: WordTrie
    static let tsheg: UInt32 = 0x0F0B
    static let particles: [[UInt32]] = [[0x0F60, 0x0F72], [0x0F60, 0x0F7C], [0x0F60, 0x0F58], [0x0F60, 0x0F44], [0x0F66], [0x0F62]]

    struct Word {
        /// How many syllables the word spans.
        var syllables: Int
        /// Inner boundaries, as syllable indexes where a part starts.
        var innerSyllables: [Int]
        /// The length of the particle split off the last syllable, if any.
        var particleLength: Int
    }

    private let entries: [Lexicon.Entry]

    init(lexicon: Lexicon) {
        var trie = WordTrie()
        for (index, entry) in lexicon.entries.enumerated() { trie.insert(entry.word, value: Int32(index)) }
        words = trie
        entries = lexicon.entries
    }

    static func isSyllableScalar(_ value: UInt32) -> Bool {
        (0x0F40...0x0FBC).contains(value) || (0x0F35...0x0F39).contains(value) && value != 0x0F36 && value != 0x0F38
    }

    /// Groups syllables (each a range of normalised scalars without its tsheg) into words, walking
    /// the lexicon trie one syllable at a time.
    func group(_ text: UnsafeBufferPointer<UInt32>, syllables: [Range<Int>]) -> [Word] {
        var result: [Word] = []
        var index = 0
        while index < syllables.count {
            var best = Word(syllables: 1, innerSyllables: [], particleLength: 0)
            var node = WordTrie.root
            var count = 0
            walk: while index + count < syllables.count {
                let syllable = syllables[index + count]
                if count > 0 {
                    guard let next = words.step(node, Self.tsheg) else { break }
                    node = next
                }
                // The syllable without an affixed particle, if that ends a word.
                var particleNode: (node: WordTrie.Node, length: Int)?
                var position = syllable.lowerBound
                while position < syllable.upperBound {
                    if particleNode == nil, let length = particleLength(text, position..<syllable.upperBound), position > syllable.lowerBound,
                       words.value(at: node) != nil {
                        particleNode = (node, length)
                    }
                    guard let next = words.step(node, text[position]) else {
                        if let (stripped, length) = particleNode, let entry = words.value(at: stripped) {
                            best = Word(syllables: count + 1, innerSyllables: inner(entries[Int(entry)]), particleLength: length)
                        }
                        break walk
                    }
                    node = next
                    position += 1
                }
                count += 1
                if let entry = words.value(at: node) {
                    best = Word(syllables: count, innerSyllables: inner(entries[Int(entry)]), particleLength: 0)
                } else if let (stripped, length) = particleNode, let entry = words.value(at: stripped) {
                    best = Word(syllables: count, innerSyllables: inner(entries[Int(entry)]), particleLength: length)
                }
            }
            result.append(best)
            index += best.syllables
        }
        return result
    }

    /// The length of the affixed particle that `text[range]` is exactly, or nil.
    private func particleLength(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int? {
        for particle in Self.particles where particle.count == range.count && text[range].elementsEqual(particle) { return particle.count }
        return nil
    }

    /// The entry's inner boundaries as syllable indexes relative to the word.
    private func inner(_ entry: Lexicon.Entry) -> [Int] {
        entry.innerBoundaries.map { boundary in entry.word[..<boundary].filter { $0 == Self.tsheg }.count }
    }
}
