import Foundation
import Testing

/// `triage relabel` end to end: the built binary on real exports.
@Suite final class RelabelCommandTests {
    let cli = CommandLineTests()
    let labelMap = packageRoot.appendingPathComponent("Benchmarks/label_map.yaml").path
    /// Each test's own scratch folder, removed when the test ends.
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("relabel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static let columns = ["--id-column", "工单编号", "--text-column", "受理内容", "--label-column", "业务类型"]

    @Test func readsRFC4180ExportsAndRejectsBadRows() throws {
        let csv = "\u{FEFF}工单编号,受理内容,业务类型,区域\r\n"
            + "A1,\"客户来电反映家中没电，邻居家有电，要求派人抢修。\",故障报修,rural\r\n"
            + "A2,\"客户说：\"\"电费余额\"\"查不到, 想问还剩多少钱\",电量电费,\r\n"
            + "A3,\"多行工单：\n整个小区停电了\n什么时候来电\",停电信息查询,urban\r\n"
            + "A4,\"bad\"quote,投诉,\r\n"
            + "A5,,其他,\r\n"
            + "A6,只有三列,表扬\r\n"
            + "A7,ངའི་ཁྱིམ་ལ་གློག་མེད། ཁྱིམ་མཚེས་ལ་གློག་ཡོད།,故障报修,remote\r\n"
            + "A8,我要投诉抢修人员态度差,服务质量,\r\n"
            + "A9,臺區經理電話是多少,其他,"
        let input = dir.appendingPathComponent("export.csv")
        try Data(csv.utf8).write(to: input)
        let output = dir.appendingPathComponent("out.jsonl"), report = dir.appendingPathComponent("report")
        let result = try cli.run(["relabel", "--input", input.path, "--output", output.path, "--label-map", labelMap,
                                  "--context-column", "area=区域", "--report", report.path, "--no-reply"] + Self.columns)
        #expect(result.status == 3)
        #expect(result.stderr.contains("read 9 = written 6 + rejected 3"))
        let rows = try lines(output)
        #expect(rows.map { $0.split(separator: ",")[0] } == ["{\"id\":\"A1\"", "{\"id\":\"A2\"", "{\"id\":\"A3\"", "{\"id\":\"A7\"", "{\"id\":\"A8\"", "{\"id\":\"A9\""])
        #expect(rows[0].contains(#""category":"fault_repair""#) && rows[0].hasSuffix(#""oldLabel":"故障报修","oldCategory":"fault_repair","changed":false}"#))
        #expect(rows[1].contains(#""category":"billing","subcategory":"balance""#))
        #expect(rows[2].contains(#""category":"outage_query""#))
        #expect(rows[3].contains(#""language":"bo","category":"fault_repair""#))
        // An old label the map does not know is reported, not guessed.
        #expect(rows[4].hasSuffix(#""oldLabel":"服务质量","oldCategory":null,"changed":null}"#))
        let rejects = try lines(URL(fileURLWithPath: output.path + ".rejects.jsonl"))
        #expect(rejects == [
            #"{"row":4,"line":7,"error":"broken quoting: text after the closing quote of field 2"}"#,
            #"{"row":5,"line":8,"id":"A5","error":"missing text (受理内容 is empty or absent)"}"#,
            #"{"row":6,"line":9,"error":"3 fields; the header has 4"}"#,
        ])
        let markdown = try String(contentsOf: report.appendingPathExtension("md"), encoding: .utf8)
        #expect(markdown.contains("| 服务质量 | 1 |"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathExtension("json"))) as! [String: Any]
        #expect(json["read"] as? Int == 9 && json["rejected"] as? Int == 3)
        // Nothing half-written is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!left.contains { $0.hasSuffix(".partial") || $0.hasSuffix(".checkpoint") })
    }

    @Test func convertsGB18030ExportsWithICU() throws {
        let input = packageRoot.appendingPathComponent("Tests/triageTests/Fixtures/gb18030.csv")
        let output = dir.appendingPathComponent("out.csv")
        let result = try cli.run(["relabel", "--input", input.path, "--output", output.path, "--encoding", "GB18030", "--label-map", labelMap,
                                  "--id-column", "编号", "--text-column", "内容", "--label-column", "类型", "--no-reply"])
        #expect(result.status == 3)
        let rows = try lines(output)
        #expect(rows.first == "id,language,category,subcategory,flags,rules,reply_script,reply_text,old_label,old_category,changed")
        #expect(rows.count == 4)
        #expect(rows[1].hasPrefix("G1,zh-Hans,fault_repair,no_power_premises,"))
        #expect(rows[1].hasSuffix(",故障报修,fault_repair,false"))
        #expect(rows[2].hasPrefix("G2,zh-Hans,billing,balance,"))
        #expect(rows[3].hasPrefix("G4,zh-Hant,"))
        let rejects = try String(contentsOf: dir.appendingPathComponent("out.csv.rejects.jsonl"), encoding: .utf8)
        #expect(rejects.contains(#""id":"G3","error":"column 内容 has bytes that are not valid GB18030""#))
    }

    @Test func unterminatedQuoteIsReportedAndTheLinesAfterAreStillRead() throws {
        let input = dir.appendingPathComponent("export.csv")
        try Data("工单编号,受理内容,业务类型\nB1,\"没电了,故障报修\nB2,整个村子都停电了什么时候来电,停电信息查询\nB3,电费余额还剩多少,电量电费\n".utf8).write(to: input)
        let output = dir.appendingPathComponent("out.jsonl")
        let result = try cli.run(["relabel", "--input", input.path, "--output", output.path, "--no-reply"] + Self.columns)
        #expect(result.status == 3)
        #expect(try lines(output).map { String($0.prefix(11)) } == [#"{"id":"B2","#, #"{"id":"B3","#])
        let rejects = try String(contentsOf: dir.appendingPathComponent("out.jsonl.rejects.jsonl"), encoding: .utf8)
        #expect(rejects.hasPrefix(#"{"row":1,"line":2,"error":"broken quoting: the quote opened in field 2 never closes"#))
    }

    @Test func badColumnsAndUnwritableOutputsFailBeforeAnyWork() throws {
        let input = dir.appendingPathComponent("export.csv")
        try Data("id,content\n1,没电了\n".utf8).write(to: input)
        let missing = try cli.run(["relabel", "--input", input.path, "--output", dir.appendingPathComponent("out.jsonl").path, "--text-column", "text"])
        #expect(missing.status == 1 && missing.stderr.contains("has no column ‘text’ (--text-column); its columns are id, content"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["export.csv"])
        let unwritable = try cli.run(["relabel", "--input", input.path, "--output", "/nonexistent/folder/out.jsonl", "--text-column", "content"])
        #expect(unwritable.status == 1 && unwritable.stderr.contains("cannot write /nonexistent/folder/out.jsonl.partial"))
    }

    /// Killed with SIGKILL at random moments and resumed each time, a run ends with exactly the
    /// output of an uninterrupted one: no row lost, none written twice.
    @Test func resumesAfterRandomKillsWithoutLosingOrRepeatingRows() throws {
        let input = dir.appendingPathComponent("export.csv")
        let corpus = try String(contentsOf: packageRoot.appendingPathComponent("corpus/dev.jsonl"), encoding: .utf8).split(separator: "\n")
        var csv = "工单编号,受理内容,业务类型\n"
        for number in 0..<2_400 {
            let object = try JSONSerialization.jsonObject(with: Data(corpus[number % corpus.count].utf8)) as! [String: Any]
            let text = (object["text"] as! String).replacingOccurrences(of: "\"", with: "\"\"")
            csv += number % 500 == 7 ? "R\(number),,其他\n" : "R\(number),\"\(text) 电话13\(number)\",故障报修\n"
        }
        try Data(csv.utf8).write(to: input)
        let arguments = ["relabel", "--input", input.path, "--label-map", labelMap, "--checkpoint-rows", "150", "--jobs", "2", "--now", "2026-06-10T10:00:00"] + Self.columns
        let reference = dir.appendingPathComponent("reference.jsonl")
        #expect(try cli.run(arguments + ["--output", reference.path]).status == 3)

        let output = dir.appendingPathComponent("resumed.jsonl")
        let checkpoint = output.path + ".checkpoint"
        var kills = 0, runs = 0
        var generator = SystemRandomNumberGenerator()
        while runs < 40 {
            runs += 1
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = arguments + ["--output", output.path] + (FileManager.default.fileExists(atPath: checkpoint) ? ["--resume"] : [])
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...900_000, using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 3)
                break
            }
        }
        #expect(kills >= 2, "the run finished before it could be interrupted")
        #expect(try Data(contentsOf: output) == Data(contentsOf: reference))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output.path + ".rejects.jsonl")) == Data(contentsOf: URL(fileURLWithPath: reference.path + ".rejects.jsonl")))
    }
}
