import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure throughput on the corpus tickets: tokenize, classify, or classify with 100 / 1,000 / 10,000 generated rules.",
            discussion: "Every ticket is processed once per pass on one thread (unique lines, no caching), classified as `triage classify` does (labels and rule ids, no evidence); token, hit and rule counts are printed so a fast wrong answer shows. Reports the median of the passes."
        )

        enum Workload: String, ExpressibleByArgument, CaseIterable { case tokenize, classify, rules }

        @Argument(help: "tokenize, classify or rules.")
        var workload: Workload = .tokenize

        @Option(help: ArgumentHelp("Labelled corpus file or folder.", valueName: "PATH"))
        var corpus = "corpus"

        @Option(help: "Passes per measurement.")
        var passes = 15

        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let clock = ContinuousClock()
            var engine: TriageEngine?
            let load = try clock.measure { engine = try packOptions.engine() }
            print("pack load: \(String(format: "%.1f", seconds(load) * 1000)) ms (\(engine!.pack.ruleCount) rules, \(engine!.pack.patternCount) terms)")
            let tickets: [LabelledTicket]
            do { tickets = try LabelledCorpus.load(corpus) } catch {
                Diagnostics.print(error)
                throw ExitCode(1)
            }
            switch workload {
            case .tokenize:
                print("language  lines   bytes     tokens/pass   median MB/s   median lines/s")
                for language in Language.allCases {
                    let texts = tickets.filter { $0.language == language.rawValue }.map(\.text)
                    guard !texts.isEmpty else { continue }
                    let (median, tokens) = measure(texts) { engine!.pack.tokenizer.tokenize($0).tokens.count }
                    report(language.rawValue, texts, median, tokens)
                }
            case .classify:
                print("language  lines   bytes     rules fired   median MB/s   median tickets/s")
                for language in Language.allCases {
                    let texts = tickets.filter { $0.language == language.rawValue }.map(\.text)
                    guard !texts.isEmpty else { continue }
                    let (median, fired) = measure(texts) { engine!.classify($0, evidence: false).rules.count }
                    report(language.rawValue, texts, median, fired)
                }
                let texts = tickets.map(\.text)
                let (median, fired) = measure(texts) { engine!.classify($0, evidence: false).rules.count }
                report("all", texts, median, fired)
                // Short tickets: an SMS or chat message, up to 64 characters.
                let short = texts.filter { $0.count <= 64 }
                let (shortMedian, shortFired) = measure(short) { engine!.classify($0, evidence: false).rules.count }
                report("short", short, shortMedian, shortFired)
            case .rules:
                print("rules   terms    load ms   hits/ticket   fired/ticket   median tickets/s   slowdown")
                let texts = tickets.map(\.text)
                var baseline: Double?
                for count in [100, 1_000, 10_000] {
                    let files = try GeneratedPack.files(rules: count, from: texts, base: BundledDefaults.rulePack)
                    var generated: TriageEngine?
                    let load = try clock.measure { generated = try TriageEngine(files: files) }
                    let (median, fired) = measure(texts) { generated!.classify($0, evidence: false).rules.count }
                    let hits = texts.reduce(0) { $0 + generated!.pack.hitCount($1) }
                    baseline = baseline ?? median
                    print(String(format: "%6d %7d %9.1f %13.1f %14.2f %18.0f %9.2f×", count, generated!.pack.patternCount, seconds(load) * 1000,
                                 Double(hits) / Double(texts.count), Double(fired) / Double(texts.count), Double(texts.count) / median, median / baseline!))
                }
            }
        }

        private func measure(_ texts: [String], _ body: (String) -> Int) -> (Double, Int) {
            var total = 0
            var times: [Double] = []
            for _ in 0..<passes {
                total = 0
                let elapsed = ContinuousClock().measure { for text in texts { total += body(text) } }
                times.append(seconds(elapsed))
            }
            return (times.sorted()[times.count / 2], total)
        }

        private func report(_ name: String, _ texts: [String], _ median: Double, _ count: Int) {
            let bytes = texts.reduce(0) { $0 + $1.utf8.count }
            print(String(format: "%-8@ %6d %8d %13d %13.1f %16.0f", name, texts.count, bytes, count, Double(bytes) / median / 1e6, Double(texts.count) / median))
        }

        private func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
