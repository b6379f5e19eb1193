import PackagePlugin

/// Generates `UnicodeTables.swift` for the text pipeline from the system ICU.
@main
struct GenerateUnicodeTables: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedUnicodeTables.swift")
        return [
            .buildCommand(
                displayName: "Generating Unicode tables from ICU",
                executable: try context.tool(named: "UnicodeTableGenerator").url,
                arguments: [output.path()],
                inputFiles: [],
                outputFiles: [output]
            ),
        ]
    }
}
