extension Substring {
    /// Whether every character is 0 to 9; `Int()` alone would also take a sign, as in "+7".
    var isASCIIDigits: Bool { allSatisfy { ("0"..."9").contains($0) } }
}
