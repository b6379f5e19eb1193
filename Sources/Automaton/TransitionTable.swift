/// The edges of a trie or automaton over code points: `(state, codePoint) → state`.
///
/// An open-addressing table with a multiplicative hash. Look-ups run once per character of every
/// ticket, and Swift's `Dictionary` (seeded SipHash, resilient generic code) costs several times
/// more per look-up than this.
public struct TransitionTable: Sendable {
    /// Key (`state << 32 | codePoint`, or `empty`) and target side by side: one cache line per probe.
    private var slots: [(key: UInt64, target: Int32)]
    private var shift: UInt64
    public private(set) var count = 0
    private static let empty = UInt64.max

    public init() {
        slots = Array(repeating: (Self.empty, 0), count: 16)
        shift = 64 - 4
    }

    @inline(__always)
    private static func key(_ state: Int32, _ codePoint: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: state)) << 32 | UInt64(codePoint) }

    @inline(__always)
    private func slot(of key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The state reached from `state` by `codePoint`, or nil.
    @inline(__always)
    public func target(_ state: Int32, _ codePoint: UInt32) -> Int32? {
        let key = Self.key(state, codePoint)
        let mask = slots.count - 1
        var slot = slot(of: key)
        while true {
            let found = slots[slot]
            if found.key == key { return found.target }
            if found.key == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Adds or replaces an edge.
    public mutating func set(_ state: Int32, _ codePoint: UInt32, _ target: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let key = Self.key(state, codePoint)
        let mask = slots.count - 1
        var slot = slot(of: key)
        while slots[slot].key != Self.empty && slots[slot].key != key { slot = (slot + 1) & mask }
        if slots[slot].key == Self.empty { count += 1 }
        slots[slot] = (key, target)
    }

    /// Every edge, in no particular order.
    public var edges: [(state: Int32, codePoint: UInt32, target: Int32)] {
        slots.compactMap { slot in
            slot.key == Self.empty ? nil : (Int32(truncatingIfNeeded: slot.key >> 32), UInt32(truncatingIfNeeded: slot.key), slot.target)
        }
    }

    private mutating func grow() {
        let old = edges
        slots = Array(repeating: (Self.empty, 0), count: slots.count * 2)
        shift -= 1
        count = 0
        for edge in old { set(edge.state, edge.codePoint, edge.target) }
    }
}
