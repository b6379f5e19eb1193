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

    /// Each entry's inner boundaries as syllable indexes, worked out once rather than per match.
    private let innerSyllables: [[Int]]

    init(lexicon: Lexicon) {
        var trie = WordTrie()
        for (index, entry) in lexicon.entries.enumerated() { trie.insert(entry.word, value: Int32(index)) }
        words = trie
        innerSyllables = lexicon.entries.map { entry in
            entry.innerBoundaries.map { boundary in entry.word[..<boundary].filter { $0 == Self.tsheg }.count }
        }
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
            // The longest word found so far: syllables, lexicon entry (-1: none) and particle length.
            var best = (syllables: 1, entry: Int32(-1), particle: 0)
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
                            best = (count + 1, entry, length)
                        }
                        break walk
                    }
                    node = next
                    position += 1
                }
                count += 1
                if let entry = words.value(at: node) {
                    best = (count, entry, 0)
                } else if let (stripped, length) = particleNode, let entry = words.value(at: stripped) {
                    best = (count, entry, length)
                }
            }
            result.append(Word(syllables: best.syllables, innerSyllables: best.entry >= 0 ? innerSyllables[Int(best.entry)] : [],
                               particleLength: best.particle))
            index += best.syllables
        }
        return result
    }

    /// The length of the affixed particle that `text[range]` is exactly, or nil.
    private func particleLength(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int? {
        for particle in Self.particles where particle.count == range.count && text[range].elementsEqual(particle) { return particle.count }
        return nil
    }
}
