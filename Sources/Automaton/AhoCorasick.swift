/// An Aho–Corasick automaton over Unicode code points: every occurrence of every pattern in one
/// left-to-right pass, in time linear in the text plus the number of matches, however many
/// patterns there are.
///
/// ```swift
/// let automaton = AhoCorasick(patterns: [Array("电费".unicodeScalars.map(\.value)), …])
/// automaton.forEachMatch(in: text) { pattern, end in … }   // `end` is exclusive
/// ```
///
/// Immutable once built and `Sendable`: share one across threads. Building is O(total pattern
/// length); matching costs one table read per code point at the root (the common case) and one
/// hash look-up per code point elsewhere.
public struct AhoCorasick: Sendable {
    /// `state << 32 | codePoint` → next state, for states other than the root.
    private var transitions: [UInt64: Int32] = [:]
    /// The root's transitions for the Basic Multilingual Plane, read directly (0 = stay at root).
    private var rootBMP = [Int32](repeating: 0, count: 0x10000)
    private var rootAboveBMP: [UInt32: Int32] = [:]
    private var failure: [Int32] = [0]
    /// The patterns ending at each state, as a range of `outputPatterns` (own and inherited).
    private var outputStart: [Int32] = [0]
    private var outputCount: [Int32] = [0]
    private var outputPatterns: [Int32] = []
    /// The length of each pattern, in code points.
    public private(set) var patternLengths: [Int] = []

    public init(patterns: [[UInt32]]) {
        var own: [[Int32]] = [[]]
        var depth: [Int] = [0]
        for (index, pattern) in patterns.enumerated() {
            patternLengths.append(pattern.count)
            guard !pattern.isEmpty else { continue }
            var state: Int32 = 0
            for codePoint in pattern {
                if let next = child(of: state, codePoint) {
                    state = next
                } else {
                    let next = Int32(own.count)
                    own.append([])
                    depth.append(depth[Int(state)] + 1)
                    setChild(of: state, codePoint, next)
                    state = next
                }
            }
            own[Int(state)].append(Int32(index))
        }
        // Breadth-first: failure links and inherited outputs.
        let stateCount = own.count
        failure = [Int32](repeating: 0, count: stateCount)
        var children = [[(UInt32, Int32)]](repeating: [], count: stateCount)
        for (key, next) in transitions { children[Int(key >> 32)].append((UInt32(truncatingIfNeeded: key), next)) }
        for (codePoint, next) in rootBMP.enumerated() where next != 0 { children[0].append((UInt32(codePoint), next)) }
        for (codePoint, next) in rootAboveBMP { children[0].append((codePoint, next)) }
        var outputs = own
        var queue = children[0].map(\.1)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[Int(state)] += outputs[Int(failure[Int(state)])]
            for (codePoint, next) in children[Int(state)] {
                var fallback = failure[Int(state)]
                while true {
                    if let target = child(of: fallback, codePoint) { failure[Int(next)] = target; break }
                    if fallback == 0 { failure[Int(next)] = 0; break }
                    fallback = failure[Int(fallback)]
                }
                queue.append(next)
            }
        }
        outputStart = []
        outputCount = []
        for list in outputs {
            outputStart.append(Int32(outputPatterns.count))
            outputCount.append(Int32(list.count))
            outputPatterns += list
        }
    }

    /// The number of states (a measure of the automaton's size).
    public var stateCount: Int { failure.count }

    @inline(__always)
    private func child(of state: Int32, _ codePoint: UInt32) -> Int32? {
        if state == 0 {
            let next = codePoint < 0x10000 ? rootBMP[Int(codePoint)] : rootAboveBMP[codePoint] ?? 0
            return next == 0 ? nil : next
        }
        return transitions[UInt64(UInt32(state)) << 32 | UInt64(codePoint)]
    }

    private mutating func setChild(of state: Int32, _ codePoint: UInt32, _ next: Int32) {
        if state == 0 {
            if codePoint < 0x10000 { rootBMP[Int(codePoint)] = next } else { rootAboveBMP[codePoint] = next }
        } else {
            transitions[UInt64(UInt32(state)) << 32 | UInt64(codePoint)] = next
        }
    }

    /// Calls `match(pattern, end)` for every occurrence of every pattern, by increasing end;
    /// `end` is the index just past the occurrence, which starts at `end - patternLengths[pattern]`.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt32>, _ match: (Int, Int) -> Void) {
        var state: Int32 = 0
        for (index, codePoint) in text.enumerated() {
            while true {
                if let next = child(of: state, codePoint) { state = next; break }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            let count = outputCount[Int(state)]
            guard count > 0 else { continue }
            let start = Int(outputStart[Int(state)])
            for offset in start..<start + Int(count) { match(Int(outputPatterns[offset]), index + 1) }
        }
    }

    /// Every occurrence as `(pattern, range)`, by increasing end.
    public func matches(in text: [UInt32]) -> [(pattern: Int, range: Range<Int>)] {
        var result: [(pattern: Int, range: Range<Int>)] = []
        text.withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer) { pattern, end in result.append((pattern, end - patternLengths[pattern]..<end)) }
        }
        return result
    }
}
