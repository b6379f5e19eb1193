import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure throughput on the corpus tickets: tokenize, classify, classify with 100 / 1,000 / 10,000 generated rules, or assemble replies.",
            discussion: "Every ticket is processed once per pass on one thread (unique lines, no caching), classified as `triage classify` does but without the reply (labels and rule ids, no evidence); `replies` assembles each classified ticket's reply. Token, hit, rule and character counts are printed so a fast wrong answer shows. Reports the median of the passes."
        )

        enum Workload: String, ExpressibleByArgument, CaseIterable { case tokenize, classify, rules, replies }

        @Argument(help: "tokenize, classify, rules or replies.")
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
                    let (median, fired) = measure(texts) { engine!.classify($0, evidence: false, reply: false).rules.count }
                    report(language.rawValue, texts, median, fired)
                }
                let texts = tickets.map(\.text)
                let (median, fired) = measure(texts) { engine!.classify($0, evidence: false, reply: false).rules.count }
                report("all", texts, median, fired)
                // Short tickets: an SMS or chat message, up to 64 characters.
                let short = texts.filter { $0.count <= 64 }
                let (shortMedian, shortFired) = measure(short) { engine!.classify($0, evidence: false, reply: false).rules.count }
                report("short", short, shortMedian, shortFired)
            case .replies:
                // Facts (locale, holiday, contact) are worked out per ticket as classify does; the
                // labels are fixed beforehand so only the reply is timed.
                let catalog = engine!.catalog
                var context = TicketContext()
                context.area = .rural
                context.staffId = "1024"
                context.now = TicketContext.date("2026-02-20T10:00:00")
                let classified = tickets.map { ($0.text, engine!.classify($0.text, evidence: false, reply: false).classification) }
                var times: [Double] = [], characters = 0
                for _ in 0..<passes {
                    characters = 0
                    times.append(seconds(clock.measure {
                        for (text, labels) in classified {
                            characters += (try? catalog.reply(catalog.facts(text: text, classification: labels, context: context)))?.text.count ?? 0
                        }
                    }))
                }
                let median = times.sorted()[times.count / 2]
                print(String(format: "%d replies, %d characters/pass: %.1f µs per reply (facts, selection, rendering), %.0f replies/s",
                             classified.count, characters, median / Double(classified.count) * 1e6, Double(classified.count) / median))
            case .rules:
                print("rules   terms    load ms   hits/ticket   fired/ticket   median tickets/s   slowdown")
                let texts = tickets.map(\.text)
                var baseline: Double?
                for count in [100, 1_000, 10_000] {
                    let files = try GeneratedPack.files(rules: count, from: texts, base: BundledDefaults.rulePack)
                    var generated: TriageEngine?
                    let load = try clock.measure { generated = try TriageEngine(files: files) }
                    let (median, fired) = measure(texts) { generated!.classify($0, evidence: false, reply: false).rules.count }
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
