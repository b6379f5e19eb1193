import Dispatch
import Foundation
@_exported import Rules
import Synchronization

/// Classifies tickets with a compiled rule pack. Immutable and `Sendable`: build one and share it
/// across threads.
///
/// ```swift
/// let engine = try TriageEngine.bundled()
/// let result = engine.classify("我家没电了，邻居家有电")
/// result.category        // "fault_repair"
/// result.rules.first?.id // the deciding rule
/// ```
public struct TriageEngine: Sendable {
    public let pack: CompiledPack

    public init(pack: CompiledPack) { self.pack = pack }

    /// The default pack compiled into the library.
    public static func bundled() throws(DiagnosticsError) -> TriageEngine {
        try TriageEngine(files: BundledDefaults.rulePack)
    }

    /// A pack from a folder (`--rules DIR`), lexicons included.
    public static func loading(rulesDirectory: String) throws(DiagnosticsError) -> TriageEngine {
        try TriageEngine(files: PackFiles.directory(rulesDirectory))
    }

    public init(files: PackFiles) throws(DiagnosticsError) {
        pack = try RuleCompiler.compile(PackLoader.load(files))
    }

    /// Classifies a ticket; `evidence: false` skips the words behind each fired rule (faster).
    public func classify(_ text: String, context: TicketContext = TicketContext(), evidence: Bool = true) -> Classification {
        pack.classify(text, context: context, evidence: evidence)
    }

    public func explain(_ text: String, context: TicketContext = TicketContext()) -> Explanation {
        pack.explain(text, context: context)
    }

    /// Classifies a stream of tickets on `jobs` threads and hands the results back in input order,
    /// a chunk at a time, so memory stays bounded however long the stream.
    public func classifyInOrder<Input: Sendable, Output: Sendable>(
        _ inputs: some Sequence<Input>, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 2_048,
        transform: @escaping @Sendable (TriageEngine, Input) -> Output, deliver: (Output) throws -> Void
    ) rethrows {
        var iterator = inputs.makeIterator()
        while true {
            var chunk: [Input] = []
            chunk.reserveCapacity(chunkSize)
            while chunk.count < chunkSize, let next = iterator.next() { chunk.append(next) }
            if chunk.isEmpty { return }
            let results = Self.parallelMap(chunk, jobs: jobs) { transform(self, $0) }
            for result in results { try deliver(result) }
        }
    }

    private static func parallelMap<Input: Sendable, Output: Sendable>(_ inputs: [Input], jobs: Int, _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard jobs > 1, inputs.count > 1 else { return inputs.map(transform) }
        let slots = Mutex<[Output?]>(Array(repeating: nil, count: inputs.count))
        let stride = (inputs.count + jobs - 1) / jobs
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let range = (job * stride)..<min(inputs.count, (job + 1) * stride)
            guard !range.isEmpty else { return }
            let results = range.map { transform(inputs[$0]) }
            slots.withLock { slots in for (offset, result) in results.enumerated() { slots[range.lowerBound + offset] = result } }
        }
        return slots.withLock { $0.map { $0! } }
    }
}

/// Holds the engine a service uses and swaps in a new pack atomically: readers always see a whole
/// pack, and a pack with any error is rejected while the previous one keeps serving.
public final class EngineHolder: Sendable {
    private let current: Mutex<TriageEngine>

    public init(_ engine: TriageEngine) { current = Mutex(engine) }

    /// The engine now in service.
    public var engine: TriageEngine { current.withLock { $0 } }

    /// Compiles the pack in `directory` and puts it in service; on error, throws the diagnostics
    /// and keeps the previous pack.
    public func reload(rulesDirectory directory: String) throws(DiagnosticsError) {
        let engine = try TriageEngine.loading(rulesDirectory: directory)
        replace(with: engine)
    }

    public func replace(with engine: TriageEngine) { current.withLock { $0 = engine } }
}
