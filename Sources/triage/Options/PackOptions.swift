import ArgumentParser
import Foundation
import TicketTriage

/// `--rules DIR`: use a pack folder instead of the bundled default (lexicons included).
struct PackOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rule pack folder replacing the bundled one.", valueName: "DIR"))
    var rules: String?

    /// The engine of the chosen pack; a pack that cannot be used prints its diagnostics and exits
    /// with status 1 before anything is written.
    func engine() throws -> TriageEngine {
        try loadOrExit { try rules.map { try TriageEngine.loading(rulesDirectory: $0) } ?? TriageEngine.bundled() }
    }

    /// The tokenizer of the chosen pack: only its lexicons are read.
    func tokenizer() throws -> Tokenizer {
        try loadOrExit { try rules.map { try Tokenizer.loading(packDirectory: $0) } ?? BundledDefaults.tokenizer() }
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
