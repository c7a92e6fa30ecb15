import CFuzzerDriver
import Foundation

// `hookspec-fuzz TARGET [libFuzzer flags] [corpus dirs or files]`: picks one target, then hands
// the remaining arguments to libFuzzer's own driver (so -runs, -max_total_time, crash
// reproduction with a file argument all work as documented by LLVM).
let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTargets.named(arguments[1]) else {
    let names = FuzzTargets.all.map(\.name).joined(separator: "\n  ")
    FileHandle.standardError.write(Data("usage: hookspec-fuzz TARGET [libFuzzer options] [corpus...]\ntargets:\n  \(names)\n".utf8))
    exit(2)
}
FuzzTargets.select(target)

var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var cStrings: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
var argumentCount = CInt(driverArguments.count)
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argumentCount, &argv) { data, size in
        FuzzTargets.runSelected(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
exit(status)
