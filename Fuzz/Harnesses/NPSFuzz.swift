// libFuzzer harness for NPS CSVs: strict RFC 4180 records and the answers read from them.
// Compiled straight from Sources/BatonIngest/NPS (see Fuzz/run.sh). Checks that every
// answer's score is 0 to 10 and its time one the store can keep as whole seconds.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPS(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let (answers, _) = NPSAnswer.parse(csv: text)
    for answer in answers {
        precondition((0...10).contains(answer.score), "score \(answer.score)")
        _ = Int64(answer.time.timeIntervalSince1970)
    }
    return 0
}
