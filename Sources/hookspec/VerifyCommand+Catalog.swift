import HookSpecCore

extension VerifyCommand {
    /// The catalog's verdict on the body (SPEC §5), one line; it never changes the exit code,
    /// which stays the verification's. A rejected delivery's body is labelled as unverified.
    static func catalogLine(body: [UInt8], verified: Bool) -> String {
        let label = verified ? "catalog: " : "catalog (unverified body): "
        do {
            let catalog = try EventCatalog.bundled()
            return label + EnvelopeValidator(catalog: catalog).validate(body: body).description + " [catalog \(catalog.version)]"
        } catch {
            return label + "unavailable: \(error)"
        }
    }
}
