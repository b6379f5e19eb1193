import Foundation
import Rules
import Text
import Yams

extension ReplyCatalog {
    /// Reads and checks a catalog folder's files (`catalog.yaml`, `holidays.yaml`,
    /// `<locale>/*.yaml`). Any problem rejects the whole catalog with every diagnostic.
    public static func load(_ files: PackFiles) throws(DiagnosticsError) -> ReplyCatalog {
        var loader = CatalogLoader(files: files)
        guard let catalog = loader.load(), loader.diagnostics.isEmpty else { throw DiagnosticsError(loader.diagnostics) }
        return catalog
    }

    /// A catalog folder (`--scripts DIR`).
    public static func loading(directory: String) throws(DiagnosticsError) -> ReplyCatalog {
        try load(PackFiles.directory(directory, holding: "catalog.yaml"))
    }

    /// Codes in `when` that the rule pack does not define: category, subcategory and flag codes
    /// are the pack's, so a catalog is checked against the pack it serves.
    public func diagnostics(against manifest: PackManifest) -> [Diagnostic] {
        let categories = Dictionary(uniqueKeysWithValues: manifest.categories.map { ($0.code, $0.subcategories) })
        var found: [Diagnostic] = []
        for script in scripts {
            func report(_ message: String) { found.append(script.location.diagnostic("script \(script.id): \(message)")) }
            for category in script.when.categories ?? [] where categories[category] == nil {
                report("unknown category \(category); the pack's categories are \(manifest.categories.map(\.code).joined(separator: ", "))")
            }
            if case let .some(.some(subcategory)) = script.when.subcategory,
               !(script.when.categories ?? Array(categories.keys)).contains(where: { categories[$0]?.contains(subcategory) == true }) {
                report("subcategory \(subcategory) belongs to none of the script’s categories")
            }
            for flag in script.when.flags where !manifest.flags.contains(flag) {
                report("unknown flag \(flag); the pack's flags are \(manifest.flags.joined(separator: ", "))")
            }
        }
        let mainSlot = slots.first(where: \.main)?.name
        for (code, _) in manifest.categories where !scripts.contains(where: { $0.slot == mainSlot && $0.when.categories?.contains(code) == true }) {
            let path = scripts.first?.location.path ?? "catalog.yaml"
            found.append(SourceLocation(path: path, line: 1, column: 1).diagnostic("category \(code) has no \(mainSlot ?? "main") script of its own; it would get the generic one"))
        }
        for category in followUpHours.keys where categories[category] == nil {
            let path = scripts.first?.location.path ?? "catalog.yaml"
            found.append(SourceLocation(path: path, line: 1, column: 1).diagnostic("follow_up_hours names unknown category \(category)"))
        }
        return found
    }
}

/// Reads a catalog folder, collecting every problem.
private struct CatalogLoader {
    let files: PackFiles
    var diagnostics: [Diagnostic] = []
    /// Where each locale's wording of each script is written.
    private var wordingLocations: [Language: [String: SourceLocation]] = [:]

    init(files: PackFiles) { self.files = files }

    mutating func load() -> ReplyCatalog? {
        guard let (catalogRoot, catalogReader) = parse("catalog.yaml"), let (holidayRoot, holidayReader) = parse("holidays.yaml") else { return nil }
        defer { diagnostics += catalogReader.diagnostics + holidayReader.diagnostics }
        guard let pairs = catalogReader.mapping(catalogRoot, "catalog.yaml", allowed: ["slots", "joiners", "pledge", "follow_up_hours", "address_words", "scripts"],
                                                required: ["slots", "scripts", "joiners"]) else { return nil }
        let slots = readSlots(pairs["slots"]!.value, catalogReader)
        let scripts = readScripts(pairs["scripts"]!.value, slots: slots, catalogReader)
        let joiners = readLocaleMap(pairs["joiners"]!.value, "joiners", catalogReader)
        var pledge: [TicketContext.Area: Int] = [:]
        if let node = pairs["pledge"]?.value, let map = catalogReader.mapping(node, "pledge", allowed: TicketContext.Area.allCases.map(\.rawValue)) {
            for (key, value) in map { pledge[TicketContext.Area(rawValue: key)!] = catalogReader.integer(value.value, "pledge.\(key)") }
        }
        var followUp: [String: Int] = [:]
        if case let .mapping(mapping)? = pairs["follow_up_hours"]?.value {
            for (key, value) in mapping { followUp[key.string ?? ""] = catalogReader.integer(value, "follow_up_hours") }
        }
        let addressWords = pairs["address_words"].flatMap { catalogReader.strings($0.value, "address_words") }?.map { NormalizedText($0.0).string } ?? []
        let holidays = readHolidays(holidayRoot, holidayReader)
        let texts = readTexts(scripts: scripts)
        guard let holidays else { return nil }
        let catalog = ReplyCatalog(slots: slots, scripts: scripts, texts: texts, joiners: joiners, pledgeMinutes: pledge,
                                   followUpHours: followUp, addressWords: addressWords, holidays: holidays)
        verifyRendering(catalog)
        return catalog
    }

    private mutating func parse(_ path: String) -> (Node, YAMLReader)? {
        let reader = YAMLReader(path: files.display(path))
        guard let bytes = files.contents[path] else {
            diagnostics.append(Diagnostic(path: files.display(path), line: 1, column: 1, message: "missing; a catalog folder holds catalog.yaml, holidays.yaml and zh-Hans/, zh-Hant/, bo/"))
            return nil
        }
        guard let root = reader.parse(bytes) else { diagnostics += reader.diagnostics; return nil }
        return (root, reader)
    }

    private func readSlots(_ node: Node, _ reader: YAMLReader) -> [ReplyCatalog.Slot] {
        let slots: [ReplyCatalog.Slot] = (reader.sequence(node, "slots") ?? []).compactMap { item in
            guard let pairs = reader.mapping(item, "a slot", allowed: ["name", "required", "main"], required: ["name"]),
                  let name = reader.string(pairs["name"]!.value, "a slot's name") else { return nil }
            return ReplyCatalog.Slot(name: name, required: pairs["required"].flatMap { reader.boolean($0.value, "required") } ?? false,
                                     main: pairs["main"].flatMap { reader.boolean($0.value, "main") } ?? false)
        }
        if slots.filter(\.main).count != 1 { reader.error(reader.location(node), "exactly one slot must be `main: true` (the one results report)") }
        return slots
    }

    private func readScripts(_ node: Node, slots: [ReplyCatalog.Slot], _ reader: YAMLReader) -> [ReplyCatalog.Script] {
        var scripts: [ReplyCatalog.Script] = [], seen: Set<String> = []
        for item in reader.sequence(node, "scripts") ?? [] {
            guard let pairs = reader.mapping(item, "a script", allowed: ["id", "slot", "when", "ends_reply"], required: ["id", "slot"]),
                  let id = reader.string(pairs["id"]!.value, "a script's id"), let slot = reader.string(pairs["slot"]!.value, "slot") else { continue }
            let location = reader.location(item)
            if !seen.insert(id).inserted { reader.error(location, "duplicate script id \(id)"); continue }
            if !slots.contains(where: { $0.name == slot }) {
                reader.error(reader.location(pairs["slot"]!.value), "unknown slot \(slot); the slots are \(slots.map(\.name).joined(separator: ", "))")
            }
            let when = pairs["when"].map { readWhen($0.value, reader) } ?? ScriptCondition()
            if let twin = scripts.first(where: { $0.slot == slot && $0.when.summary == when.summary }) {
                reader.error(location, "script \(id) has the same `when` as \(twin.id) in slot \(slot): only the first could ever be chosen")
            }
            scripts.append(ReplyCatalog.Script(id: id, slot: slot, when: when, endsReply: pairs["ends_reply"].flatMap { reader.boolean($0.value, "ends_reply") } ?? false,
                                               location: location))
        }
        for slot in slots where slot.required && !scripts.contains(where: { $0.slot == slot.name && $0.when.specificity == 0 }) {
            reader.error(reader.location(node), "slot \(slot.name) is required but has no script without `when`; add one so every ticket gets it")
        }
        return scripts
    }

    private func readWhen(_ node: Node, _ reader: YAMLReader) -> ScriptCondition {
        var when = ScriptCondition()
        guard let pairs = reader.mapping(node, "when", allowed: ["category", "subcategory", "flags", "context", "holiday", "contact"]) else { return when }
        if let value = pairs["category"]?.value { when.categories = reader.strings(value, "category")?.map(\.0) }
        if let value = pairs["subcategory"]?.value { when.subcategory = YAMLReader.isNull(value) ? .some(nil) : reader.string(value, "subcategory").map { .some($0) } }
        if let value = pairs["flags"]?.value { when.flags = reader.strings(value, "flags")?.map(\.0) ?? [] }
        if let value = pairs["context"]?.value { when.context = PackLoader.contextTests(value, reader)?.map { ($0.key, $0.test) } ?? [] }
        if let value = pairs["holiday"]?.value { when.holiday = reader.string(value, "holiday") }
        if let value = pairs["contact"]?.value {
            when.contact = reader.strings(value, "contact")?.compactMap { text, item in
                guard let fact = ContactFact(rawValue: text) else {
                    reader.error(reader.location(item), "contact is one of \(ContactFact.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                return fact
            }
        }
        return when
    }

    private func readLocaleMap(_ node: Node, _ what: String, _ reader: YAMLReader) -> [Language: String] {
        guard let pairs = reader.mapping(node, what, allowed: ReplyCatalog.locales.map(\.rawValue), required: ReplyCatalog.locales.map(\.rawValue)) else { return [:] }
        var map: [Language: String] = [:]
        for (key, value) in pairs { map[Language(rawValue: key)!] = reader.string(value.value, "\(what).\(key)") }
        return map
    }

    private func readHolidays(_ root: Node, _ reader: YAMLReader) -> HolidayCalendar? {
        guard let pairs = reader.mapping(root, "holidays.yaml", allowed: ["holidays", "greet"], required: ["holidays", "greet"]),
              case let .mapping(mapping) = pairs["holidays"]!.value else {
            reader.error(reader.location(root), "holidays must map each holiday's name to its rule")
            return nil
        }
        func monthDay(_ node: Node?, _ what: String) -> HolidayCalendar.MonthDay? {
            let parts = node?.string?.split(separator: "-").compactMap { Int($0) } ?? []
            guard parts.count == 2, (1...12).contains(parts[0]), (1...31).contains(parts[1]) else {
                reader.error(reader.location(node), "\(what) must be a month and day, \"MM-DD\"")
                return nil
            }
            return HolidayCalendar.MonthDay(month: parts[0], day: parts[1])
        }
        var holidays: [(name: String, rule: HolidayCalendar.Rule)] = []
        for (key, value) in mapping {
            guard let name = key.string, let rule = reader.mapping(value, "holiday \(key.string ?? "")", allowed: ["gregorian", "chinese", "dates", "days"]) else { continue }
            if let span = rule["gregorian"] ?? rule["chinese"] {
                guard let range = reader.mapping(span.value, "a span", allowed: ["from", "to"], required: ["from", "to"]),
                      let from = monthDay(range["from"]?.value, "from"), let to = monthDay(range["to"]?.value, "to") else { continue }
                holidays.append((name, rule["gregorian"] != nil ? .gregorian(from: from, to: to) : .chinese(from: from, to: to)))
            } else if let dates = rule["dates"], case let .mapping(byYear) = dates.value, let days = rule["days"].flatMap({ reader.integer($0.value, "days") }) {
                let firstDays = byYear.compactMap { year, date -> Int? in
                    let parts = date.string?.split(separator: "-").compactMap { Int($0) } ?? []
                    guard parts.count == 3, String(parts[0]) == year.string else {
                        reader.error(reader.location(date), "each year maps to its first day, YYYY-MM-DD, in that year")
                        return nil
                    }
                    return HolidayCalendar.dayNumber(year: parts[0], month: parts[1], day: parts[2])
                }
                holidays.append((name, .listed(firstDays: firstDays, days: days)))
            } else {
                reader.error(reader.location(value), "a holiday is `gregorian: {from, to}`, `chinese: {from, to}` or `dates:` per year with `days:`")
            }
        }
        var greet: [Language: [String]] = [:]
        if let map = reader.mapping(pairs["greet"]!.value, "greet", allowed: ReplyCatalog.locales.map(\.rawValue)) {
            for (key, value) in map {
                let names = reader.strings(value.value, "greet.\(key)") ?? []
                for (name, node) in names where !holidays.contains(where: { $0.name == name }) { reader.error(reader.location(node), "unknown holiday \(name)") }
                greet[Language(rawValue: key)!] = names.map(\.0)
            }
        }
        return HolidayCalendar(holidays: holidays, greet: greet)
    }

    /// Every locale's wording, compiled; each id of the catalog in every locale, and no other.
    private mutating func readTexts(scripts: [ReplyCatalog.Script]) -> [Language: [String: Message]] {
        var texts: [Language: [String: Message]] = [:]
        for path in files.contents.keys.sorted() where path.hasSuffix(".yaml") && path.contains("/") {
            let folder = String(path.prefix { $0 != "/" })
            guard let locale = Language(rawValue: folder), locale != .mixed else {
                diagnostics.append(Diagnostic(path: files.display(path), line: 1, column: 1, message: "\(folder)/ is not a locale; the locales are zh-Hans, zh-Hant, bo"))
                continue
            }
            guard let (root, reader) = parse(path) else { continue }
            defer { diagnostics += reader.diagnostics }
            guard case let .mapping(mapping) = root else { reader.error(reader.location(root), "a wording file maps script ids to their text"); continue }
            for (key, value) in mapping {
                guard let id = key.string, let pattern = reader.string(value, "the text of \(key.string ?? "")") else { continue }
                if texts[locale]?[id] != nil { reader.error(reader.location(key), "\(id) is worded twice in \(locale.rawValue)"); continue }
                wordingLocations[locale, default: [:]][id] = reader.location(key)
                if !scripts.contains(where: { $0.id == id }) { reader.error(reader.location(key), "\(id) is not a script of catalog.yaml"); continue }
                do {
                    texts[locale, default: [:]][id] = try Message(pattern: pattern, locale: locale.icuLocale, timeZone: HolidayCalendar.timeZone)
                } catch {
                    let location = reader.location(value)
                    let column = error.line == 1 ? location.column + 1 + (error.offset ?? 0) : 1
                    reader.error(SourceLocation(path: location.path, line: location.line + error.line - 1, column: column),
                                 "\(id) is not a valid ICU message (\(error.name)); check braces, select/plural syntax and apostrophes")
                }
                if locale != .tibetan, Self.hasSpaceBesideHan(pattern) {
                    reader.error(reader.location(value), "\(id) has a space next to a Chinese character; keep Chinese text on one line (YAML folds line breaks into spaces)")
                }
            }
        }
        for script in scripts {
            for locale in ReplyCatalog.locales where texts[locale]?[script.id] == nil {
                diagnostics.append(script.location.diagnostic("script \(script.id) has no \(locale.rawValue) wording in \(locale.rawValue)/*.yaml"))
            }
        }
        return texts
    }

    private static func hasSpaceBesideHan(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == " " {
            let neighbours = [index > 0 ? scalars[index - 1] : nil, index + 1 < scalars.count ? scalars[index + 1] : nil]
            if neighbours.contains(where: { $0.map { $0.properties.isIdeographic || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFF60).contains($0.value) } ?? false }) { return true }
        }
        return false
    }

    /// Renders every script in every locale with each variable present and absent, so no reply
    /// can ever show `none`, a raw `{name}` or fail: the checks of scripts/README.md.
    private mutating func verifyRendering(_ catalog: ReplyCatalog) {
        var argumentNames: [String: [Language: Set<String>]] = [:]
        defer {
            for script in catalog.scripts {
                guard let byLocale = argumentNames[script.id], Set(byLocale.values).count > 1 else { continue }
                let listed = ReplyCatalog.locales.compactMap { locale in byLocale[locale].map { "\(locale.rawValue) {\($0.sorted().joined(separator: ", "))}" } }
                diagnostics.append(script.location.diagnostic("script \(script.id) uses different variables per locale: \(listed.joined(separator: "; "))"))
            }
        }
        let sample: [String: MessageValue] = [
            "customerName": .text("王明"), "staffId": .text("1024"), "area": .text("rural"), "eta": .number(90),
            "deadline": .date(Date(timeIntervalSince1970: 1_790_000_000)), "channel": .text("phone"), "holiday": .text("spring_festival"),
        ]
        for script in catalog.scripts {
            let categories = script.when.categories
            let deadlineAlways = categories.map { !$0.isEmpty && $0.allSatisfy { catalog.followUpHours[$0] != nil } } ?? false
            let optional = ["customerName", "staffId", "area", "channel", "holiday"] + (deadlineAlways ? [] : ["deadline"])
            for locale in ReplyCatalog.locales {
                guard let message = catalog.texts[locale]?[script.id] else { continue }
                let location = wordingLocations[locale]?[script.id] ?? script.location
                if let unknown = message.argumentNames.first(where: { !ReplyVariables.names.contains($0) }) {
                    diagnostics.append(location.diagnostic("script \(script.id) (\(locale.rawValue)) uses an unknown variable {\(unknown)}; the variables are \(ReplyVariables.names.joined(separator: ", "))"))
                    continue
                }
                let used = Set(message.argumentNames)
                argumentNames[script.id, default: [:]][locale] = used
                // A variable the message does not use changes nothing (the eta derives from the area).
                let checked = optional.filter { used.contains($0) || ($0 == "area" && used.contains("eta")) }
                for absent in [nil] + checked.map(Optional.some) {
                    var variables = sample
                    if let absent {
                        variables[absent] = .text(ReplyVariables.none)
                        if absent == "area" { variables["eta"] = .text(ReplyVariables.none) }
                    }
                    let result = message.format(variables)
                    // Every variable present: the text a customer typically reads, checked for spelling.
                    if absent == nil, case let .success(text) = result, let problem = Self.spellingProblem(text, locale) {
                        diagnostics.append(location.diagnostic("script \(script.id) (\(locale.rawValue)) \(problem)"))
                    }
                    let problem: String? = switch result {
                    case let .failure(error): "cannot be formatted (\(error.name))"
                    case let .success(text) where text.containsBytes(ReplyVariables.none): "would show “none”"
                    case let .success(text) where text.isEmpty && absent == nil: "is empty"
                    default: nil
                    }
                    guard let problem else { continue }
                    let when = absent.map { " when the ticket has no \($0); use it inside {\($0 == "eta" ? "area" : $0), select, none {…} other {…}}" } ?? ""
                    diagnostics.append(location.diagnostic("script \(script.id) (\(locale.rawValue)) \(problem)\(when)"))
                    break
                }
            }
        }
    }
}

extension CatalogLoader {
    /// What is wrong with a rendered text's script or spelling for its locale, if anything:
    /// Chinese in the other variant's characters, Tibetan without Tibetan letters or without its
    /// final shad, a shad after ང without the tsheg Tibetan spelling puts there, or a tsheg after ག
    /// (the catalog writes ག། as most printed Tibetan does).
    static func spellingProblem(_ text: String, _ locale: Language) -> String? {
        switch locale {
        case .simplifiedChinese, .traditionalChinese:
            let characters = ScriptCounts.variantOnlyCharacters(in: text)
            let wrong = locale == .simplifiedChinese ? characters.traditional : characters.simplified
            guard !wrong.isEmpty else { return nil }
            return "has \(locale == .simplifiedChinese ? "Traditional" : "Simplified")-only characters: \(String(wrong))"
        case .tibetan, .mixed:
            if ScriptCounts(text).tibetanLetters == 0 { return "is not written in Tibetan script" }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if !(trimmed.hasSuffix("།") || trimmed.hasSuffix("༎")) { return "does not end with a shad (།)" }
            if text.containsBytes("ང།") { return "has ང། where Tibetan spelling writes ང་། (a tsheg before the shad)" }
            if text.containsBytes("ག་།") { return "has ག་། where the catalog writes ག། (no tsheg before the shad)" }
            return nil
        }
    }
}

extension Language {
    /// The ICU locale of a reply locale (plural rules, date formats).
    var icuLocale: String {
        switch self {
        case .simplifiedChinese: "zh_Hans"
        case .traditionalChinese: "zh_Hant"
        case .tibetan, .mixed: "bo"
        }
    }
}
