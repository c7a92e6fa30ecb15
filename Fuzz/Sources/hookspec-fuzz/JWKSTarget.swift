import HookSpecCore

/// JWKS documents (`JSONWebKeySet` and the `v1a` reader `Ed25519PublicKeySet`): bounds, no
/// ambiguous `kid` usable, lookups that never fall back, RSA keys re-served and re-read equal.
enum JWKSTarget {
    static let target = FuzzTarget(name: "jwks") { input in
        let bytes = Array(input)
        do throws(Rejection) {
            let set = try JSONWebKeySet(parsing: bytes)
            check(set)
        } catch {
            FuzzCheck.coded(error, "JWKS")
            FuzzCheck.require(error.code == .jwksMalformed, "JWKS document refused with \(error.code)")
        }
        do throws(Rejection) {
            let set = try Ed25519PublicKeySet(jwks: bytes)
            FuzzCheck.require(set.keys.count + set.skipped.count <= 1000, "Ed25519 set past its entry bound")
            for skipped in set.skipped { FuzzCheck.coded(skipped.reason, "Ed25519 JWKS entry") }
        } catch {
            FuzzCheck.coded(error, "Ed25519 JWKS")
        }
    }

    static func check(_ set: JSONWebKeySet) {
        FuzzCheck.require(set.keys.count + set.skipped.count <= JSONWebKeySet.maximumKeys, "more keys than maximumKeys")
        var seen = Set<String>()
        var rsaKeys: [(keyID: String, key: RS256PublicKey)] = []
        for key in set.keys {
            guard let id = key.keyID else { FuzzCheck.fail("usable key without kid") }
            FuzzCheck.require(seen.insert(id).inserted, "two usable keys share kid")
            FuzzCheck.require(!set.ambiguousKeyIDs.contains(id), "ambiguous kid usable")
            FuzzCheck.require(set.mentions(keyID: id), "usable kid not mentioned")
            switch key.material {
            case .rsa(let rsa):
                guard case .success(let found) = set.rs256Key(for: id) else { FuzzCheck.fail("usable RSA kid not found") }
                FuzzCheck.require(found.modulus == rsa.modulus, "kid lookup returned another key")
                rsaKeys.append((id, rsa))
            case .ed25519:
                if case .success = set.rs256Key(for: id) { FuzzCheck.fail("Ed25519 kid returned as RSA") }
            }
        }
        for skipped in set.skipped {
            FuzzCheck.coded(skipped.reason, "skipped JWK")
            if let id = skipped.keyID, !seen.contains(id) {
                if case .success = set.rs256Key(for: id) { FuzzCheck.fail("skipped kid resolved to a key") }
            }
        }
        for id in set.ambiguousKeyIDs {
            if case .success = set.rs256Key(for: id) { FuzzCheck.fail("ambiguous kid resolved to a key") }
        }
        // What hookspec's own JWKS host would serve for these keys reads back to the same keys.
        let served = JSONWebKeySet.document(rsaKeys: rsaKeys)
        guard let again = try? JSONWebKeySet(parsing: served) else { FuzzCheck.fail("served JWKS does not parse") }
        FuzzCheck.require(again.keys.count == rsaKeys.count, "served JWKS lost keys")
        for (id, key) in rsaKeys {
            guard case .success(let reread) = again.rs256Key(for: id) else { FuzzCheck.fail("served kid missing") }
            FuzzCheck.require(reread.modulus == key.modulus && reread.exponent == key.exponent, "served key differs")
        }
    }
}
