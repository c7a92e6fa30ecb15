import HookSpecCore

/// `TokenClaimsScan` against `StrictJSONParser` on the same payload: whatever the scan reads,
/// the parser accepts with the same members, values and claim verdict; and every payload of the
/// scan's shape that the parser accepts, the scan reads (so the fast path is not quietly unused).
enum ClaimsScanTarget {
    static let parser = StrictJSONParser(maximumSize: CompactJWS.defaultMaximumBytes, maximumDepth: 32)

    static let target = FuzzTarget(name: "claims-scan") { input in
        let payload = Array(input.bindMemory(to: UInt8.self))
        let parsed = (try? parser.parse(payload))?.objectValue
        let read = payload.withUnsafeBufferPointer { bytes in
            TokenClaimsScan.withScan(of: bytes) { scan -> Bool in
                guard let scan else { return false }
                guard let object = parsed else { FuzzCheck.fail("the scan read a payload the parser refuses") }
                compare(scan, object, payload: bytes)
                return true
            }
        }
        if !read, let object = parsed, isOfScanShape(payload, object) {
            FuzzCheck.fail("the scan declined a payload of its shape that the parser accepts")
        }
    }

    static func compare(_ scan: TokenClaimsScan, _ object: JSONObject, payload: UnsafeBufferPointer<UInt8>) {
        let names = scan.members.map { String(decoding: UnsafeBufferPointer(rebasing: payload[$0.name]), as: UTF8.self) }
        FuzzCheck.require(names == object.names, "the scan saw other members than the parser")
        for name in names {
            FuzzCheck.require(scan.claim(name) == object[name], "the scan read another value for \(name)")
            FuzzCheck.require(scan.integerClaim(name) == object.integerClaim(name), "the scan read another integer for \(name)")
            let fromScan = scan.withStringClaim(name) { Array($0) }
            let fromObject = object.withStringClaim(name) { Array($0) }
            FuzzCheck.require(fromScan == fromObject, "the scan read another string for \(name)")
        }
        FuzzCheck.require(verdict(scan) == verdict(object), "the claim rules decided otherwise on the scan")
    }

    /// The claim rules with the fuzzing policy, an empty body and the fuzzing clock.
    static func verdict<Claims: TokenClaimLookup>(_ claims: Claims) -> String {
        let body: [UInt8] = []
        return body.withUnsafeBufferPointer { body in
            do throws(Rejection) {
                return try TokenClaimRules.check(claims, policy: FuzzResources.tokenPolicy, body: body, now: FuzzResources.now) ? "checked" : "valid"
            } catch {
                return error.code.rawValue
            }
        }
    }

    /// ASCII without escapes, within the size limit, at most `memberLimit` members, no object
    /// inside, arrays at most `arrayDepthLimit` deep.
    static func isOfScanShape(_ payload: [UInt8], _ object: JSONObject) -> Bool {
        guard payload.count <= CompactJWS.defaultMaximumBytes, payload.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }),
            object.members.count <= TokenClaimsScan.memberLimit
        else { return false }
        func fits(_ value: JSONValue, arrayDepth: Int) -> Bool {
            switch value {
            case .object: false
            case .array(let elements): arrayDepth < TokenClaimsScan.arrayDepthLimit && elements.allSatisfy { fits($0, arrayDepth: arrayDepth + 1) }
            default: true
            }
        }
        return object.members.allSatisfy { fits($0.value, arrayDepth: 0) }
    }
}
