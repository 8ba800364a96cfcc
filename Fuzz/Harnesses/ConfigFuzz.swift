// libFuzzer harness for baton.toml: the TOML read by TOMLKit, every key checked by
// BatonConfig into Core values, and the rotation those values make asked who holds point
// (the numbers in a config, lengths and times, end up in date arithmetic). Compiled from
// Sources/BatonCore and Sources/BatonConfig against the built TOMLKit (see Fuzz/run.sh).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let team = try? ConfigFile.parse(text, file: "fuzz.toml") else { return 0 }
    let instant = Date(timeIntervalSince1970: 1_795_442_400)
    _ = team.rotation.holder(at: instant)
    _ = team.rotation.nextHandoff(after: instant)
    return 0
}
