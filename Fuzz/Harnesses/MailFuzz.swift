// libFuzzer harness for mail: RFC 5322 headers, MIME, RFC 2047, quoted-printable, base64,
// HTML to text, mbox splitting. Compiled straight from Sources/BatonIngest/Email (see
// Fuzz/run.sh). Besides crashes and timeouts (libFuzzer's -timeout), it checks what the
// parser promises: the stored text stays within its cap and every decoded header within 16 KB.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if let email = try? EmailMessage.parse(bytes) {
        precondition(email.text.utf8.count <= EmailMessage.maximumText, "stored text past its cap: \(email.text.utf8.count) bytes")
        precondition(email.subject.utf8.count <= MailHeaders.maximumValue, "subject past 16 KB")
        precondition(email.from.name.map { $0.utf8.count <= MailHeaders.maximumValue } ?? true, "From name past 16 KB")
    }
    for entry in Mbox.messages(bytes).prefix(4) { _ = try? EmailMessage.parse(entry.raw) }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = EncodedWords.decode(text)
    _ = HTMLText.text(text)
    _ = MailAddress.list(text)
    return 0
}
