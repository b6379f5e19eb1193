/// A read-only map from Unicode code points to small values: two array reads per lookup.
///
/// Code points are grouped in blocks of 256; blocks with the same values share one page, so a
/// table covering all of Unicode costs tens of kilobytes and builds in well under a millisecond.
struct CodePointTable<Value: Hashable & Sendable>: Sendable {
    private var pageOfBlock: [UInt16]
    private var values: [Value]
    private static var blockCount: Int { 0x1100 }

    /// A table where every code point has `defaultValue` except the `exceptions`.
    init(default defaultValue: Value, exceptions: [UInt32: Value]) {
        pageOfBlock = [UInt16](repeating: 0, count: Self.blockCount)
        values = [Value](repeating: defaultValue, count: 256)
        var byBlock: [Int: [(UInt32, Value)]] = [:]
        for (codePoint, value) in exceptions { byBlock[Int(codePoint >> 8), default: []].append((codePoint, value)) }
        for (block, entries) in byBlock {
            var page = [Value](repeating: defaultValue, count: 256)
            for (codePoint, value) in entries { page[Int(codePoint & 0xFF)] = value }
            pageOfBlock[block] = UInt16(values.count / 256)
            values += page
        }
    }

    /// A table given as runs: each run's value holds from its start to the next run's start.
    /// `runs` must be sorted and start at code point 0.
    init(runs: [(start: UInt32, value: Value)]) {
        pageOfBlock = [UInt16](repeating: 0, count: Self.blockCount)
        values = []
        var uniformPages: [Value: UInt16] = [:]
        var run = 0
        for block in 0..<Self.blockCount {
            let first = UInt32(block) << 8, last = first | 0xFF
            while run + 1 < runs.count, runs[run + 1].start <= first { run += 1 }
            if run + 1 >= runs.count || runs[run + 1].start > last {
                let value = runs[run].value
                if let page = uniformPages[value] {
                    pageOfBlock[block] = page
                } else {
                    let page = UInt16(values.count / 256)
                    values += [Value](repeating: value, count: 256)
                    uniformPages[value] = page
                    pageOfBlock[block] = page
                }
                continue
            }
            pageOfBlock[block] = UInt16(values.count / 256)
            var inner = run
            for codePoint in first...last {
                while inner + 1 < runs.count, runs[inner + 1].start <= codePoint { inner += 1 }
                values.append(runs[inner].value)
            }
        }
    }

    @inline(__always)
    subscript(codePoint: UInt32) -> Value {
        let block = Int(truncatingIfNeeded: codePoint >> 8)
        guard block < Self.blockCount else { return values[0] }
        return values[Int(pageOfBlock[block]) &<< 8 | Int(codePoint & 0xFF)]
    }
}
