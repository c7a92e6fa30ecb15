import HookSpecCore

/// `HeaderBlock` (`curl -D` text): bounds, names that are one token without separators, values
/// on one line without surrounding whitespace, and a rendered block that reads back equal.
enum HeaderBlockTarget {
    static let target = FuzzTarget(name: "header-block") { input in
        let text = FuzzInput.text(input)
        switch HeaderBlock.parse(text) {
        case .failure(let failure):
            FuzzCheck.require(!failure.description.isEmpty, "header block failure without text")
            if case .tooLarge = failure { FuzzCheck.require(text.utf8.count > HeaderBlock.maximumBytes, "tooLarge under the bound") }
        case .success(let fields):
            FuzzCheck.require(text.utf8.count <= HeaderBlock.maximumBytes, "parsed past the byte bound")
            FuzzCheck.require(fields.fields.count <= HeaderBlock.maximumLines, "more fields than lines allowed")
            for field in fields {
                let name = field.name.utf8, value = field.value.utf8
                FuzzCheck.require(!name.isEmpty, "empty field name")
                FuzzCheck.require(!name.contains { $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D },
                                  "field name \(field.name.debugDescription) holds a separator")
                FuzzCheck.require(!value.contains { $0 == 0x0A || $0 == 0x0D }, "field value \(field.value.debugDescription) spans lines")
                FuzzCheck.require(value.first != 0x20 && value.first != 0x09 && value.last != 0x20 && value.last != 0x09,
                                  "field value keeps surrounding whitespace")
            }
            // Rendered back as CRLF lines (as curl writes them), the fields read back equal; a
            // name starting `HTTP/` would render as a status line, which the block skips by design.
            if fields.contains(where: { $0.name.hasPrefix("HTTP/") }) { return }
            let rendered = fields.map { "\($0.name): \($0.value)\r\n" }.joined()
            guard case .success(let again) = HeaderBlock.parse(rendered) else { FuzzCheck.fail("rendered block does not parse") }
            FuzzCheck.require(again == fields, "rendered block reads back differently")
        }
    }
}
