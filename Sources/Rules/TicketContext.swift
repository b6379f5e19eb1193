import Foundation
import Text

/// A context fact's value.
public enum ContextValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)

    public var description: String {
        switch self {
        case let .string(value): value
        case let .int(value): String(value)
        case let .bool(value): String(value)
        }
    }
}

/// What the centre knows about a ticket besides its text (the contract's context keys). Context
/// shapes flags' consequences and replies; it never decides the category or subcategory.
public struct TicketContext: Sendable, Hashable {
    public enum Channel: String, Sendable, CaseIterable { case phone, web, wechat, sms, app }
    public enum Area: String, Sendable, CaseIterable { case urban, rural, remote }

    public struct OpenTicket: Sendable, Hashable {
        public var kind: String
        public var deadlinePassed: Bool
        public init(kind: String, deadlinePassed: Bool) {
            self.kind = kind
            self.deadlinePassed = deadlinePassed
        }
    }

    public var channel: Channel?
    public var customerLanguage: Language?
    public var openTicket: OpenTicket?
    public var abuseWarnings: Int?
    public var now: Date?
    public var area: Area?
    public var staffId: String?
    public var customerName: String?

    public init() {}

    /// The keys conditions may test, as written in rules.
    public static let conditionKeys = ["channel", "customerLanguage", "openTicket.kind", "openTicket.deadlinePassed", "abuseWarnings", "area"]

    public func value(_ key: String) -> ContextValue? {
        switch key {
        case "channel": channel.map { .string($0.rawValue) }
        case "customerLanguage": customerLanguage.map { .string($0.rawValue) }
        case "openTicket.kind": openTicket.map { .string($0.kind) }
        case "openTicket.deadlinePassed": openTicket.map { .bool($0.deadlinePassed) }
        case "abuseWarnings": abuseWarnings.map { .int($0) }
        case "area": area.map { .string($0.rawValue) }
        default: nil
        }
    }

    /// Reads the contract's `context` object; a wrong key type or value is an error that names it.
    public init(json object: [String: Any]) throws(ContextError) {
        for (key, value) in object {
            switch key {
            case "channel":
                guard let text = value as? String, let channel = Channel(rawValue: text) else {
                    throw ContextError("context.channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                self.channel = channel
            case "customerLanguage":
                guard let text = value as? String, let language = Language(rawValue: text), language != .mixed else {
                    throw ContextError("context.customerLanguage must be zh-Hans, zh-Hant or bo")
                }
                customerLanguage = language
            case "openTicket":
                guard let open = value as? [String: Any], let kind = open["kind"] as? String,
                      let passed = open["deadlinePassed"], let deadlinePassed = Self.bool(passed) else {
                    throw ContextError("context.openTicket must be {\"kind\": a category code, \"deadlinePassed\": true or false}")
                }
                openTicket = OpenTicket(kind: kind, deadlinePassed: deadlinePassed)
            case "abuseWarnings":
                guard let number = Self.integer(value), (0...2).contains(number) else {
                    throw ContextError("context.abuseWarnings must be an integer from 0 to 2")
                }
                abuseWarnings = number
            case "now":
                guard let text = value as? String, let date = Self.date(text) else {
                    throw ContextError("context.now must be an ISO 8601 date-time such as 2026-02-17T09:30:00+08:00")
                }
                now = date
            case "area":
                guard let text = value as? String, let area = Area(rawValue: text) else {
                    throw ContextError("context.area must be urban, rural or remote")
                }
                self.area = area
            case "staffId", "customerName":
                guard let text = value as? String else { throw ContextError("context.\(key) must be a string") }
                if key == "staffId" { staffId = text } else { customerName = text }
            default:
                throw ContextError("unknown context key \(key); the keys are channel, customerLanguage, openTicket, abuseWarnings, now, area, staffId, customerName")
            }
        }
    }

    // JSONSerialization gives NSNumbers for both booleans and numbers; booleans report the
    // Objective-C type "c" (char).
    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private static func bool(_ value: Any) -> Bool? {
        guard let number = value as? NSNumber, isBoolean(number) else { return nil }
        return number.boolValue
    }

    private static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber, !isBoolean(number), number.doubleValue == number.doubleValue.rounded() else { return nil }
        return number.intValue
    }

    /// ISO 8601 with or without fractional seconds; a time without an offset is Asia/Shanghai.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.date(from: text)
    }
}

/// A context object that does not follow the contract.
public struct ContextError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
