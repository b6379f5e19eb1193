import Dispatch
import Foundation
@_exported import Replies
@_exported import Rules
import Synchronization

/// Classifies tickets with a compiled rule pack and answers them from a reply-script catalog.
/// Immutable and `Sendable`: build one and share it across threads.
///
/// ```swift
/// let engine = try TriageEngine.bundled()
/// let result = engine.classify("我家没电了，邻居家有电")
/// result.category        // "fault_repair"
/// result.rules.first?.id // the deciding rule
/// result.reply?.text     // the courteous reply, in the customer's language
/// ```
public struct TriageEngine: Sendable {
    public let pack: CompiledPack
    public let catalog: ReplyCatalog

    public init(pack: CompiledPack, catalog: ReplyCatalog) {
        self.pack = pack
        self.catalog = catalog
    }

    /// The default pack and catalog compiled into the library.
    public static func bundled() throws(DiagnosticsError) -> TriageEngine {
        try TriageEngine(files: BundledDefaults.rulePack)
    }

    /// A pack folder (`--rules DIR`, lexicons included) and a catalog folder (`--scripts DIR`);
    /// either one left out is the bundled one.
    public static func loading(rulesDirectory: String? = nil, scriptsDirectory: String? = nil) throws(DiagnosticsError) -> TriageEngine {
        let files = if let rulesDirectory { try PackFiles.directory(rulesDirectory) } else { BundledDefaults.rulePack }
        let catalog = if let scriptsDirectory { try ReplyCatalog.loading(directory: scriptsDirectory) } else { nil as ReplyCatalog? }
        return try TriageEngine(files: files, catalog: catalog)
    }

    /// Compiles a pack; the catalog is the bundled one unless given.
    public init(files: PackFiles, catalog: ReplyCatalog? = nil) throws(DiagnosticsError) {
        let compilePack: @Sendable () throws(DiagnosticsError) -> CompiledPack = { try RuleCompiler.compile(PackLoader.load(files)) }
        if let catalog {
            pack = try compilePack()
            self.catalog = catalog
            return
        }
        // The bundled catalog loads on a second core while the pack compiles: neither needs the other.
        let loaded = Mutex<(pack: Result<CompiledPack, DiagnosticsError>?, catalog: Result<ReplyCatalog, DiagnosticsError>?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            if job == 0 {
                let pack = Result(catching: compilePack)
                loaded.withLock { $0.pack = pack }
            } else {
                let catalog = Result { () throws(DiagnosticsError) in try BundledDefaults.replyCatalog() }
                loaded.withLock { $0.catalog = catalog }
            }
        }
        let (pack, bundledCatalog) = loaded.withLock { ($0.pack!, $0.catalog!) }
        self.pack = try pack.get()
        self.catalog = try bundledCatalog.get()
    }

    /// Classifies a ticket and assembles its reply. `evidence: false` skips the words behind each
    /// fired rule and `reply: false` the reply (both faster).
    public func classify(_ text: String, context: TicketContext = TicketContext(), evidence: Bool = true, reply: Bool = true) -> TriageResult {
        let classification = pack.classify(text, context: context, evidence: evidence)
        guard reply else { return TriageResult(classification: classification, reply: nil) }
        let facts = catalog.facts(text: text, classification: classification, context: context)
        return TriageResult(classification: classification, reply: try? catalog.reply(facts))
    }

    /// Everything behind a ticket's labels and reply.
    public func explain(_ text: String, context: TicketContext = TicketContext()) -> TriageExplanation {
        let explanation = pack.explain(text, context: context)
        let facts = catalog.facts(text: text, classification: explanation.classification, context: context)
        let choices = catalog.slots.map { slot in ReplyChoice(slot: slot.name, matching: catalog.matching(slot: slot.name, facts)) }
        return TriageExplanation(explanation: explanation, reply: try? catalog.reply(facts), facts: facts,
                                 replyChoices: choices.filter { !$0.matching.isEmpty })
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

    /// `transform` over `inputs` on `jobs` threads, results in input order. Threads take small
    /// batches as they go, so a thread that drew long tickets does not hold the others up.
    static func parallelMap<Input: Sendable, Output: Sendable>(_ inputs: [Input], jobs: Int, _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard jobs > 1, inputs.count > 1 else { return inputs.map(transform) }
        let slots = Mutex<[Output?]>(Array(repeating: nil, count: inputs.count))
        let batch = max(1, inputs.count / (jobs * 16))
        let nextBatch = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while true {
                let start = nextBatch.wrappingAdd(batch, ordering: .relaxed).oldValue
                guard start < inputs.count else { return }
                let range = start..<min(inputs.count, start + batch)
                let results = range.map { transform(inputs[$0]) }
                slots.withLock { slots in for (offset, result) in results.enumerated() { slots[range.lowerBound + offset] = result } }
            }
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
        let engine = try TriageEngine(files: PackFiles.directory(directory), catalog: self.engine.catalog)
        replace(with: engine)
    }

    public func replace(with engine: TriageEngine) { current.withLock { $0 = engine } }
}

/// A ticket's labels and its reply. Reads like its ``Classification``: `result.category`.
@dynamicMemberLookup
public struct TriageResult: Sendable {
    public var classification: Classification
    /// Nil when classify was asked for no reply.
    public var reply: Reply?

    public subscript<Value>(dynamicMember keyPath: KeyPath<Classification, Value>) -> Value { classification[keyPath: keyPath] }
}

/// The scripts of one reply slot whose `when` held, the chosen one first.
public struct ReplyChoice: Sendable {
    public var slot: String
    public var matching: [ReplyCatalog.Script]
}

/// `explain`: the rules' explanation, then the reply and how its scripts were chosen.
@dynamicMemberLookup
public struct TriageExplanation: Sendable {
    public var explanation: Explanation
    public var reply: Reply?
    public var facts: ReplyFacts
    public var replyChoices: [ReplyChoice]

    public subscript<Value>(dynamicMember keyPath: KeyPath<Explanation, Value>) -> Value { explanation[keyPath: keyPath] }
}
