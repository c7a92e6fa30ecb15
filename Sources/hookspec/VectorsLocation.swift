import Foundation

/// Finds the project's `vectors` directory when `hookspec vectors` runs from anywhere: the
/// current directory or one of its parents, else the package that built the executable
/// (`.build/<config>/hookspec` lives inside it).
enum VectorsLocation {
    /// A directory counts as the project's vectors when it holds this file.
    static let marker = "standard-webhooks"
    /// Parents climbed from each starting point; the package root is a few levels above the executable.
    static let maximumDepth = 8

    /// The first `<dir>/vectors` that holds the marker, climbing from each of `starts` in order.
    static func find(from starts: [URL], exists: (String) -> Bool) -> URL? {
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0...maximumDepth {
                let candidate = directory.appendingPathComponent("vectors")
                if exists(candidate.appendingPathComponent(marker).path) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    /// Where to start looking: the current directory, then the executable's directory.
    static func defaultStarts() -> [URL] {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        return starts
    }
}
