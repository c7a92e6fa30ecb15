import Foundation
import HookSpecCore

/// Reads vector files with bounds: a size limit before parsing, strict JSON after.
public enum VectorFileReader {
    /// Largest vector file read, in bytes (the largest Wycheproof file used is ~340 KB).
    public static let maximumFileBytes = 16 << 20

    /// The bytes of `path`, refusing files over `limit`.
    public static func bytes(at path: String, limit: Int = maximumFileBytes) throws(VectorFileError) -> [UInt8] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit tells "exactly at the limit" from "over it" without reading more.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard data.count <= limit else { throw .tooLarge(path: path, limit: limit) }
        return [UInt8](data)
    }

    /// The top-level JSON object of `path`.
    public static func object(at path: String, limit: Int = maximumFileBytes) throws(VectorFileError) -> JSONObject {
        try object(parsing: try bytes(at: path, limit: limit), path: path, limit: limit)
    }

    /// The top-level JSON object of a file's bytes; `path` only names the file in errors.
    public static func object(parsing data: [UInt8], path: String, limit: Int = maximumFileBytes) throws(VectorFileError) -> JSONObject {
        guard data.count <= limit else { throw .tooLarge(path: path, limit: limit) }
        let value: JSONValue
        do {
            value = try StrictJSONParser(maximumSize: limit, maximumDepth: 32).parse(data)
        } catch {
            throw .notJSON(path: path, reason: error.description)
        }
        guard let object = value.objectValue else {
            throw .invalidField(path: path, location: "top level", reason: "expected an object, found \(value.typeName)")
        }
        return object
    }

    /// The `.json` files of `directory`, sorted by name, at most `limit` of them.
    public static func jsonFiles(in directory: String, limit: Int = 1000) throws(VectorFileError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        guard files.count <= limit else { throw .tooMany(path: directory, what: "vector files", limit: limit) }
        return files.map { (directory as NSString).appendingPathComponent($0) }
    }
}

/// Typed access to the members of one JSON object in a vector file, with the location in errors.
struct FieldReader {
    let path: String
    let location: String
    let object: JSONObject

    func fail(_ reason: String) -> VectorFileError {
        .invalidField(path: path, location: location, reason: reason)
    }

    func only(_ allowed: Set<String>) throws(VectorFileError) {
        for name in object.names where !allowed.contains(name) {
            throw fail("unknown member \(name)")
        }
    }

    func value(_ name: String) throws(VectorFileError) -> JSONValue {
        guard let value = object[name] else { throw fail("missing member \(name)") }
        return value
    }

    func string(_ name: String, maximumLength: Int = 1 << 20) throws(VectorFileError) -> String {
        let value = try value(name)
        guard let text = value.stringValue else { throw fail("\(name) must be a string, found \(value.typeName)") }
        guard text.utf8.count <= maximumLength else { throw fail("\(name) is longer than \(maximumLength) bytes") }
        return text
    }

    func optionalString(_ name: String, maximumLength: Int = 1 << 20) throws(VectorFileError) -> String? {
        object[name] == nil ? nil : try string(name, maximumLength: maximumLength)
    }

    func integer(_ name: String) throws(VectorFileError) -> Int64 {
        let value = try value(name)
        guard let number = value.int64Value else { throw fail("\(name) must be an integer, found \(value.typeName)") }
        return number
    }

    func array(_ name: String, limit: Int) throws(VectorFileError) -> [JSONValue] {
        let value = try value(name)
        guard let items = value.arrayValue else { throw fail("\(name) must be an array, found \(value.typeName)") }
        guard items.count <= limit else { throw .tooMany(path: path, what: "\(location) \(name) entries", limit: limit) }
        return items
    }

    func strings(_ name: String, limit: Int) throws(VectorFileError) -> [String] {
        var out: [String] = []
        for (index, item) in try array(name, limit: limit).enumerated() {
            guard let text = item.stringValue else { throw fail("\(name)[\(index)] must be a string, found \(item.typeName)") }
            out.append(text)
        }
        return out
    }

    func object(_ name: String) throws(VectorFileError) -> FieldReader {
        let value = try value(name)
        guard let object = value.objectValue else { throw fail("\(name) must be an object, found \(value.typeName)") }
        return FieldReader(path: path, location: location + "." + name, object: object)
    }
}
