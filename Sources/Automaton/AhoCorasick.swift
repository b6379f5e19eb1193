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
/// table look-up per code point elsewhere, or none in a state with a single child (most states of
/// a large automaton).
public struct AhoCorasick: Sendable {
    /// The transitions of states other than the root that have more than one child.
    private var transitions = TransitionTable()
    /// The root's transitions for the Basic Multilingual Plane, read directly (0 = stay at root).
    private var rootBMP = [Int32](repeating: 0, count: 0x10000)
    private var rootAboveBMP: [UInt32: Int32] = [:]
    /// What matching reads at each state, together so that a state costs one cache line.
    private struct State {
        var failure: Int32
        /// The patterns ending here, own and inherited, as a range of `outputPatterns`.
        var outputStart: Int32
        var outputCount: Int32
        /// A state with a single child keeps it here, out of the table: the walk along a long
        /// pattern then reads one state after another and never the table.
        var soleChildCodePoint = UInt32.max
        var soleChild: Int32 = 0
        /// One bit per code point modulo 64 for each child in the table: most look-ups in a large
        /// automaton are for characters a state has no child for, and this answers them.
        var childBits: UInt64 = 0
    }
    private var states: [State] = []
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
        var failure = [Int32](repeating: 0, count: stateCount)
        var children = [[(UInt32, Int32)]](repeating: [], count: stateCount)
        for edge in transitions.edges { children[Int(edge.state)].append((edge.codePoint, edge.target)) }
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
        states.reserveCapacity(stateCount)
        for (state, list) in outputs.enumerated() {
            states.append(State(failure: failure[state], outputStart: Int32(outputPatterns.count), outputCount: Int32(list.count)))
            outputPatterns += list
        }
        var branching = TransitionTable()
        for (state, edges) in children.enumerated().dropFirst() {
            if edges.count == 1 {
                states[state].soleChildCodePoint = edges[0].0
                states[state].soleChild = edges[0].1
                continue
            }
            for (codePoint, next) in edges {
                branching.set(Int32(state), codePoint, next)
                states[state].childBits |= 1 << UInt64(codePoint & 63)
            }
        }
        transitions = branching
    }

    /// The number of states (a measure of the automaton's size).
    public var stateCount: Int { states.count }

    /// The root's transition (0: stay at the root).
    @inline(__always)
    private func rootTarget(_ codePoint: UInt32) -> Int32 {
        codePoint < 0x10000 ? rootBMP[Int(codePoint)] : rootAboveBMP[codePoint] ?? 0
    }

    @inline(__always)
    private func child(of state: Int32, _ codePoint: UInt32) -> Int32? {
        if state == 0 {
            let next = rootTarget(codePoint)
            return next == 0 ? nil : next
        }
        return transitions.target(state, codePoint)
    }

    private mutating func setChild(of state: Int32, _ codePoint: UInt32, _ next: Int32) {
        if state == 0 {
            if codePoint < 0x10000 { rootBMP[Int(codePoint)] = next } else { rootAboveBMP[codePoint] = next }
        } else {
            transitions.set(state, codePoint, next)
        }
    }

    /// Calls `match(pattern, end)` for every occurrence of every pattern, by increasing end;
    /// `end` is the index just past the occurrence, which starts at `end - patternLengths[pattern]`.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt32>, _ match: (Int, Int) -> Void) {
        var state: Int32 = 0
        for (index, codePoint) in text.enumerated() {
            while true {
                if state == 0 {
                    state = rootTarget(codePoint)
                    break
                }
                let current = states[Int(state)]
                if current.soleChildCodePoint == codePoint {
                    state = current.soleChild
                    break
                }
                if current.childBits & (1 << UInt64(codePoint & 63)) != 0, let next = transitions.target(state, codePoint) {
                    state = next
                    break
                }
                state = current.failure
            }
            let count = states[Int(state)].outputCount
            guard count > 0 else { continue }
            let start = Int(states[Int(state)].outputStart)
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
