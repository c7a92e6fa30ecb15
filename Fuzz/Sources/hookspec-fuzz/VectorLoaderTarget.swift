import HookSpecCore
import HookSpecVectors

/// The vector file readers (delivery vectors, JOSE vectors, the event catalog): a refusal is
/// an error naming the file, never a crash, and what loads stays within the documented bounds.
enum VectorLoaderTarget {
    static let target = FuzzTarget(name: "vector-loaders") { input in
        let bytes = Array(input)
        do throws(VectorFileError) {
            let file = try DeliveryVectorLoader.load(bytes: bytes, path: "fuzz.json")
            FuzzCheck.require(file.vectors.count <= DeliveryVectorFile.maximumVectors, "more vectors than the bound")
            FuzzCheck.require(Set(file.vectors.map(\.name)).count == file.vectors.count, "two vectors share a name")
            for vector in file.vectors {
                FuzzCheck.require(!vector.name.isEmpty, "vector without a name")
                FuzzCheck.require(vector.headers.fields.count <= DeliveryVectorLoader.maximumListEntries, "headers past the bound")
                FuzzCheck.require(vector.secrets.count <= DeliveryVectorLoader.maximumListEntries, "secrets past the bound")
                FuzzCheck.require(vector.body.count <= DeliveryVectorLoader.maximumBodyBytes, "body past the bound")
            }
        } catch {
            FuzzCheck.require(FuzzCheck.containsBytes(error.description, "fuzz.json"), "vector error does not name the file: \(error)")
        }
        do throws(VectorFileError) {
            let file = try JOSEVectorFile(bytes: bytes, path: "fuzz.json")
            FuzzCheck.require(Set(file.vectors.map(\.name)).count == file.vectors.count, "two JOSE vectors share a name")
        } catch {
            FuzzCheck.require(FuzzCheck.containsBytes(error.description, "fuzz.json"), "JOSE vector error does not name the file: \(error)")
        }
        do throws(EventCatalogError) {
            let catalog = try EventCatalog(json: bytes)
            for event in catalog.events {
                FuzzCheck.require(catalog.event(event.type)?.type == event.type, "catalog event \(event.type) not found by its type")
            }
        } catch {
            FuzzCheck.require(!error.description.isEmpty, "catalog error without text")
        }
    }
}

/// Recorded envelope files: what reads writes back as text that reads to an equal value.
enum RecordedEnvelopeTarget {
    static let target = FuzzTarget(name: "recorded-envelope") { input in
        let recorded: RecordedEnvelope
        do throws(RecordedEnvelopeError) {
            recorded = try RecordedEnvelope(json: Array(input))
        } catch {
            FuzzCheck.require(!error.description.isEmpty, "recorded envelope error without text")
            return
        }
        let text = recorded.jsonText()
        let again: RecordedEnvelope
        do throws(RecordedEnvelopeError) {
            again = try RecordedEnvelope(json: Array(text.utf8))
        } catch {
            FuzzCheck.fail("a written recorded envelope does not read back: \(error)")
        }
        FuzzCheck.require(again == recorded, "recorded envelope changed through write and read")
        FuzzCheck.require(again.jsonText() == text, "recorded envelope text is not a fixed point")
    }
}
