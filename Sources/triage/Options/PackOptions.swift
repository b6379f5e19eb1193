import ArgumentParser
import Foundation
import TicketTriage

/// `--rules DIR` and `--scripts DIR`: a pack folder (lexicons included) and a reply-script catalog
/// folder instead of the bundled defaults.
struct PackOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rule pack folder replacing the bundled one.", valueName: "DIR"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Reply-script catalog folder replacing the bundled one.", valueName: "DIR"))
    var scripts: String?

    /// The engine of the chosen pack and catalog; one that cannot be used prints its diagnostics
    /// and exits with status 1 before anything is written.
    func engine() throws -> TriageEngine {
        try loadOrExit { try TriageEngine.loading(rulesDirectory: rules, scriptsDirectory: scripts) }
    }

    /// The tokenizer of the chosen pack: only its lexicons are read.
    func tokenizer() throws -> Tokenizer {
        try loadOrExit { try rules.map { try Tokenizer.loading(packDirectory: $0) } ?? BundledDefaults.tokenizer() }
    }

    /// The chosen reply-script catalog alone.
    func catalog() throws -> ReplyCatalog {
        try loadOrExit { try scripts.map { try ReplyCatalog.loading(directory: $0) } ?? BundledDefaults.replyCatalog() }
    }

    private func loadOrExit<Value>(_ load: () throws -> Value) throws -> Value {
        do {
            return try load()
        } catch {
            Diagnostics.print(error)
            throw ExitCode(1)
        }
    }
}

enum Diagnostics {
    /// Prints a problem on standard error: diagnostics as they are (`path:line:col: error: …`,
    /// the form editors jump to), anything else as `error: …`.
    static func print(_ message: String) {
        let text = message.contains(": error: ") || message.contains(": warning: ") ? message : "error: \(message)"
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ error: any Error) {
        print(String(describing: error))
    }
}
