/// One MIME entity: its headers and its raw (still transfer-encoded) body, and its
/// parts when it is multipart. Parsing never fails: a broken boundary is reported in
/// `problems` and the body is then kept as one text part.
struct MIMEPart {
    let headers: MailHeaders
    var body: ArraySlice<UInt8>
    var parts: [MIMEPart] = []
    var problems: [String] = []
    /// Content-Type and Content-Disposition, read once: every walk over the parts asks for them.
    let contentType: HeaderValue
    let disposition: HeaderValue

    init(headers: MailHeaders, body: ArraySlice<UInt8>) {
        self.headers = headers
        self.body = body
        contentType = HeaderValue(headers["Content-Type"] ?? "text/plain")
        disposition = HeaderValue(headers["Content-Disposition"] ?? "")
    }

    /// Deeper nesting than this is not mail anyone wrote by hand; it stops a crafted message recursing forever.
    static let maximumDepth = 20

    var isAttachment: Bool { disposition.value == "attachment" }
    var fileName: String? { disposition.parameters["filename"] ?? contentType.parameters["name"] }

    static func parse(_ bytes: ArraySlice<UInt8>, depth: Int = 0) -> MIMEPart {
        let headers: MailHeaders
        let body: ArraySlice<UInt8>
        if let split = Lines.headerEnd(bytes) {
            headers = MailHeaders.parse(bytes[bytes.startIndex..<split.headerEnd]).headers
            body = bytes[split.bodyStart...]
        } else if bytes.first == 0x0A || (bytes.first == 0x0D) {
            headers = MailHeaders()
            body = bytes
        } else {
            // A part with headers and no body at all.
            headers = MailHeaders.parse(bytes).headers
            body = bytes[bytes.endIndex...]
        }
        var part = MIMEPart(headers: headers, body: body)
        part.problems += headers.cutWarnings
        part.splitIfMultipart(depth: depth)
        return part
    }

    mutating func splitIfMultipart(depth: Int) {
        let type = contentType
        guard type.value.hasPrefix("multipart/") else { return }
        guard depth < Self.maximumDepth else {
            problems.append("multipart nested deeper than \(Self.maximumDepth) levels; the inner parts were not read")
            return
        }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
            problems.append("\(type.value) without a boundary; the body is kept as plain text")
            return
        }
        let (pieces, closed) = Self.split(body, boundary: Array(("--" + boundary).utf8))
        guard !pieces.isEmpty else {
            problems.append("broken MIME boundary: \"\(boundary)\" never occurs in the body; the body is kept as plain text")
            return
        }
        if !closed { problems.append("MIME boundary \"\(boundary)\" is never closed; read to the end of the message") }
        parts = pieces.map { MIMEPart.parse($0, depth: depth + 1) }
        for part in parts { problems += part.problems }
    }

    /// The parts between `--boundary` lines, and whether the closing `--boundary--` came.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> ([ArraySlice<UInt8>], Bool) {
        var pieces: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        var index = body.startIndex
        while lineStart < body.endIndex {
            while index < body.endIndex, body[index] != 0x0A { index += 1 }
            let line = body[lineStart..<index]
            if line.starts(with: boundary) {
                let rest = line.dropFirst(boundary.count)
                let closing = rest.starts(with: [0x2D, 0x2D])
                if closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart {
                        // The line break before the boundary belongs to the boundary.
                        var end = lineStart
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        pieces.append(body[start..<max(start, end)])
                    }
                    if closing { return (pieces, true) }
                    partStart = min(index + 1, body.endIndex)
                }
            }
            index += 1
            lineStart = index
        }
        if let start = partStart, start < body.endIndex { pieces.append(body[start...]) }
        return (pieces, false)
    }
}
