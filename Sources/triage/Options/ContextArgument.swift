import ArgumentParser
import Foundation
import TicketTriage

/// A `--context JSON` argument: the contract's context object.
enum ContextArgument {
    static func parse(_ json: String?) throws -> TicketContext {
        guard let json else { return TicketContext() }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            throw ValidationError("--context must be a JSON object, e.g. '{\"area\": \"rural\"}'")
        }
        do { return try TicketContext(json: object) } catch { throw ValidationError(error.description) }
    }
}
