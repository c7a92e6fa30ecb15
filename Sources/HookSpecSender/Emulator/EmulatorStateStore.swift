import Foundation
import GRDB
import HookSpecCore

/// The emulator's webhooks (with their secrets and rotation windows) and its dynamic-webhook
/// keys in a SQLite file, so `hookspec emulate --state FILE` survives a restart.
///
/// The registry writes through it on every change; it is read once, at start. The file holds
/// secrets and private keys: it is created with mode 0600.
final class EmulatorStateStore: Sendable {
    /// The file.
    let path: String
    private let queue: DatabaseQueue

    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE webhook (
                    id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL, name TEXT, uri TEXT NOT NULL,
                    subscribed_events TEXT NOT NULL, state TEXT NOT NULL, create_time INTEGER NOT NULL,
                    update_time INTEGER NOT NULL, consecutive_failed_events INTEGER NOT NULL);
                CREATE TABLE signing_secret (
                    webhook_id TEXT NOT NULL REFERENCES webhook(id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    secret TEXT NOT NULL, expires_at REAL, PRIMARY KEY (webhook_id, position));
                CREATE TABLE dynamic_keys (id INTEGER PRIMARY KEY CHECK (id = 1), key_file TEXT NOT NULL);
                """)
        }
        return migrator
    }()

    /// Opens (or creates) the state at `path`.
    init(path: String) throws(EmulatorStateError) {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw .unreadable(path: path, reason: "it does not exist and cannot be created")
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        let foreign: String?
        do {
            foreign = try queue.read { db -> String? in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if !tables.isEmpty, !tables.contains("grdb_migrations") { return "it has tables of another program (\(tables.prefix(3).joined(separator: ", ")))" }
                if try Self.migrator.hasBeenSuperseded(db) { return "it was written by a newer hookspec" }
                return nil
            }
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        if let foreign { throw .notEmulatorState(path: path, reason: foreign) }
        do {
            try Self.migrator.migrate(queue)
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
    }

    // MARK: - Webhooks

    /// Every stored webhook, in creation order.
    func webhooks() throws(EmulatorStateError) -> [EmulatedWebhook] {
        let rows: [(Row, [Row])]
        do {
            rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM webhook ORDER BY position").map { row in
                    (row, try Row.fetchAll(db, sql: "SELECT * FROM signing_secret WHERE webhook_id = ? ORDER BY position", arguments: [row["id"] as DatabaseValue?]))
                }
            }
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        var result: [EmulatedWebhook] = []
        for (row, secretRows) in rows { result.append(try webhook(row, secretRows)) }
        return result
    }

    /// Inserts or replaces `webhook` (a new one goes last in creation order).
    func save(_ webhook: EmulatedWebhook) throws(EmulatorStateError) {
        let events = JSONValue.array(webhook.subscribedEvents.map(JSONValue.string)).compactText
        let secrets = webhook.secrets.map { ($0.secret.exportedText(), $0.expiresAt) }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook (id, position, name, uri, subscribed_events, state, create_time, update_time, consecutive_failed_events)
                    VALUES (?, COALESCE((SELECT MAX(position) FROM webhook), 0) + 1, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, uri = excluded.uri, subscribed_events = excluded.subscribed_events,
                        state = excluded.state, update_time = excluded.update_time, consecutive_failed_events = excluded.consecutive_failed_events
                    """,
                arguments: [webhook.id, webhook.name, webhook.uri, events, webhook.state.rawValue, webhook.createTime, webhook.updateTime, webhook.consecutiveFailedEvents])
            try db.execute(sql: "DELETE FROM signing_secret WHERE webhook_id = ?", arguments: [webhook.id])
            for (index, secret) in secrets.enumerated() {
                try db.execute(
                    sql: "INSERT INTO signing_secret (webhook_id, position, secret, expires_at) VALUES (?, ?, ?, ?)",
                    arguments: [webhook.id, index, secret.0, secret.1])
            }
        }
    }

    /// Forgets the webhook and its secrets.
    func delete(_ id: String) throws(EmulatorStateError) {
        try write { db in try db.execute(sql: "DELETE FROM webhook WHERE id = ?", arguments: [id]) }
    }

    // MARK: - Dynamic keys

    /// The stored dynamic-webhook keys, or nil before any were stored.
    func dynamicKeys() throws(EmulatorStateError) -> KeyFile? {
        let text: String?
        do {
            text = try queue.read { db in
                try DatabaseValue.fetchOne(db, sql: "SELECT key_file FROM dynamic_keys WHERE id = 1").flatMap { String.fromDatabaseValue($0) }
            }
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        guard let text else { return nil }
        do { return try KeyFile(parsing: Array(text.utf8)) } catch { throw .badRecord(path: path, reason: "the dynamic keys: \(error)") }
    }

    /// Stores the dynamic-webhook keys (replacing any).
    func saveDynamicKeys(_ file: KeyFile) throws(EmulatorStateError) {
        let text = String(decoding: file.encoded(), as: UTF8.self)
        try write { db in
            try db.execute(sql: "INSERT INTO dynamic_keys (id, key_file) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET key_file = excluded.key_file", arguments: [text])
        }
    }

    // MARK: - Helpers

    private func write(_ change: @Sendable (Database) throws -> Void) throws(EmulatorStateError) {
        do {
            try queue.write(change)
        } catch {
            throw .writeFailed(path: path, reason: Self.reason(error))
        }
    }

    private func webhook(_ row: Row, _ secretRows: [Row]) throws(EmulatorStateError) -> EmulatedWebhook {
        guard let id = Self.column(row, "id", as: String.self), let uri = Self.column(row, "uri", as: String.self),
            let eventsText = Self.column(row, "subscribed_events", as: String.self), let stateText = Self.column(row, "state", as: String.self),
            let createTime = Self.column(row, "create_time", as: Int64.self), let updateTime = Self.column(row, "update_time", as: Int64.self),
            let failed = Self.column(row, "consecutive_failed_events", as: Int.self)
        else { throw .badRecord(path: path, reason: "a webhook row lacks a column") }
        guard let state = EmulatedWebhook.State(rawValue: stateText) else { throw .badRecord(path: path, reason: "webhook \(id) has an unknown state") }
        guard let array = (try? StrictJSONParser().parse(Array(eventsText.utf8)))?.arrayValue else {
            throw .badRecord(path: path, reason: "webhook \(id) has unreadable subscribed events")
        }
        let events = array.compactMap(\.stringValue)
        guard events.count == array.count else { throw .badRecord(path: path, reason: "webhook \(id) has unreadable subscribed events") }
        var secrets: [EmulatedWebhook.LiveSecret] = []
        for secretRow in secretRows {
            guard let text = Self.column(secretRow, "secret", as: String.self), let secret = try? WebhookSecret(parsing: text) else {
                throw .badRecord(path: path, reason: "webhook \(id) has an unreadable signing secret")
            }
            secrets.append(.init(secret: secret, expiresAt: Self.column(secretRow, "expires_at", as: Double.self)))
        }
        guard !secrets.isEmpty else { throw .badRecord(path: path, reason: "webhook \(id) has no signing secret") }
        var webhook = EmulatedWebhook(
            id: id, name: Self.column(row, "name", as: String.self), uri: uri, subscribedEvents: events, state: state,
            createTime: createTime, updateTime: updateTime, secrets: secrets)
        webhook.consecutiveFailedEvents = failed
        return webhook
    }

    /// A column's value as `T`, or nil when it is missing, NULL or of another type (never a trap).
    private static func column<T: DatabaseValueConvertible>(_ row: Row, _ name: String, as type: T.Type) -> T? {
        (row[name] as DatabaseValue?).flatMap { T.fromDatabaseValue($0) }
    }

    /// SQLite's own message (it names no stored value).
    private static func reason(_ error: any Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? "SQLite error \(database.resultCode.rawValue)" }
        return "\(error)"
    }
}
