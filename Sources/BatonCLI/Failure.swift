import ArgumentParser
import BatonCore
import Foundation

/// A message for the person at the terminal and the exit status that goes with it.
struct Failure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
}

/// Runs a command's work; any error is printed as one plain line on stderr, never a
/// crash dump, and becomes the exit status.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let exit as ExitCodeOnly {
        throw ExitCode(exit.code)
    } catch let failure as Failure {
        FileHandle.standardError.write(Data("baton: \(TerminalText.line(failure.description))\n".utf8))
        throw ExitCode(failure.exitCode)
    } catch {
        FileHandle.standardError.write(Data("baton: \(TerminalText.line("\(error)"))\n".utf8))
        throw ExitCode(1)
    }
}
