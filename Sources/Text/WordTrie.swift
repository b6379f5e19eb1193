import Automaton

/// A trie over code points, for the longest-match and all-prefix look-ups of the segmenters.
struct WordTrie: Sendable {
    typealias Node = Int32
    static let root: Node = 0

    private var children = TransitionTable()
    /// The value stored at each node, or -1.
    private var values: [Int32] = [-1]
    /// Which BMP code points start some word (a bit each): a cheap first test at every position.
    private var startsWord = [UInt64](repeating: 0, count: 1024)
    private var startsWordAboveBMP: Set<UInt32> = []

    mutating func insert(_ word: some Collection<UInt32>, value: Int32) {
        var node = Self.root
        for codePoint in word {
            if let child = children.target(node, codePoint) {
                node = child
            } else {
                let child = Node(values.count)
                values.append(-1)
                children.set(node, codePoint, child)
                node = child
            }
        }
        values[Int(node)] = value
        guard let first = word.first else { return }
        if first < 0x10000 { startsWord[Int(first >> 6)] |= 1 << UInt64(first & 63) } else { startsWordAboveBMP.insert(first) }
    }

    @inline(__always)
    func mayStartWord(_ codePoint: UInt32) -> Bool {
        codePoint < 0x10000 ? startsWord[Int(codePoint >> 6)] & (1 << UInt64(codePoint & 63)) != 0 : startsWordAboveBMP.contains(codePoint)
    }

    /// The node reached from `node` by `codePoint`, or nil.
    @inline(__always)
    func step(_ node: Node, _ codePoint: UInt32) -> Node? { children.target(node, codePoint) }

    /// The value of the word ending at `node`, or nil.
    @inline(__always)
    func value(at node: Node) -> Int32? { values[Int(node)] >= 0 ? values[Int(node)] : nil }

    /// Calls `found(length, value)` for every stored word that starts at `text[start]`, shortest first.
    @inline(__always)
    func forEachPrefix(of text: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int, _ found: (Int, Int32) -> Void) {
        guard mayStartWord(text[start]) else { return }
        var node = Self.root
        var index = start
        while index < limit, let child = step(node, text[index]) {
            node = child
            index += 1
            if let value = value(at: node) { found(index - start, value) }
        }
    }

    /// The value of exactly this word, or nil.
    func value(of word: some Collection<UInt32>) -> Int32? {
        var node = Self.root
        for codePoint in word {
            guard let child = step(node, codePoint) else { return nil }
            node = child
        }
        return value(at: node)
    }
}
